// Lint, and the layering rules that keep each part in its lane (VS Code's
// code-layering, in no-restricted-imports form).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'];

// The engine's layers (DESIGN.md): collectors (pure parsers) < posture (pure
// judgement) < areas (binding the two) < scan; the store sits beside posture.
// Each folder's rule repeats the engine-wide ones, because a later
// no-restricted-imports replaces an earlier one for the same file.
const noElectron = { name: 'electron', message: 'the engine, CLI and bridge run under plain Node: never import electron' };
const noFrontEnd = { regex: '(^|/)(window|bridge)/|(^|/)ipc-transport$', message: 'the engine is driven through its contract: it never imports the window, the bridge or the IPC transport' };
const above = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
function engineLayer(files, patterns = []) {
  return { files, rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noFrontEnd, ...patterns] }] } };
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-artifacts/**', '.ci/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Prettier (run by `npm run lint`) wraps code at 200; what it cannot wrap (comments, JSX text) is held here.
      'max-len': ['error', { code: 200, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'nodeIntegration must stay off' },
        { selector: "Property[key.name='contextIsolation'][value.value=false]", message: 'contextIsolation must stay on' },
        { selector: "Property[key.name='sandbox'][value.value=false]", message: 'the renderer stays sandboxed' },
      ],
    },
  },
  {
    files: ['.ci/**/*.mjs', 'tests/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['main/cli/**/*.ts', 'main/cli.ts', 'main/bridge/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  engineLayer(['main/engine/**/*.ts']),
  engineLayer(
    ['main/engine/collectors/**/*.ts'],
    [
      { regex: above(['posture', 'scan', 'store', 'ssh', 'areas']), message: 'collectors are pure parsers: no posture, areas, scan, store or SSH (the area binds them; the scan runs the commands)' },
      // Hashing is computation, not I/O: a parser may fingerprint what it read (authorized_keys).
      {
        group: [...nodeBuiltins.filter((name) => name !== 'crypto'), '!node:crypto'],
        message: 'collectors are pure parsers: no Node modules but node:crypto (I/O belongs to the transport and the store)',
      },
    ],
  ),
  engineLayer(['main/engine/posture/**/*.ts'], [{ regex: above(['scan', 'store', 'ssh', 'areas']), message: 'posture judges facts: it never imports the scan, the store, SSH or the area registry' }]),
  engineLayer(['main/engine/store/**/*.ts'], [{ regex: above(['scan']), message: 'the store keeps what the scan hands it: it never imports the scan' }]),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only matters under the React Compiler, which OpsDeck does not use;
      // it flags @tanstack/react-virtual's useVirtualizer.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer talks only to window.opsdeck' }],
          patterns: [
            { group: nodeBuiltins, message: 'the renderer is a browser page: no Node modules' },
            { group: ['**/main/**', '../main/*'], message: 'the renderer never imports the main process or engine' },
            { regex: 'preload/(?!contract$|controls$)', message: 'the renderer imports only types from preload/contract (and the controls list, plain data, from preload/controls)' },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeBuiltins, '**/main/**', '**/renderer/**'], message: 'the preload imports only electron and the contract' }] }],
    },
  },
);
