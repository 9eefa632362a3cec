// Lint, and the layering rules that keep each part in its lane (VS Code's
// code-layering, in no-restricted-imports form).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-artifacts/**', '.ci/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
    files: ['main/engine/**/*.ts', 'main/cli/**/*.ts', 'main/cli.ts', 'main/bridge/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'the engine, CLI and bridge run under plain Node: never import electron' }] }],
    },
  },
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
            { regex: 'preload/(?!contract$)', message: 'the renderer imports only types from preload/contract' },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...nodeBuiltins, '**/main/**', '**/renderer/**'], message: 'the preload imports only electron and the contract' }] },
      ],
    },
  },
);
