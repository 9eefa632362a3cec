import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three separately built parts. The preload is sandboxed, so it is one
// self-contained CommonJS file with its dependencies (zod) bundled in.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: { index: resolve('main/index.ts'), cli: resolve('main/cli.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      lib: { entry: { index: resolve('preload/index.ts') } },
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
