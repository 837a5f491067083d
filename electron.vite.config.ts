import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// Dependencies (better-sqlite3, pdfkit...) stay external to the main bundle: pdfkit reads its font
// data from its own folder and better-sqlite3 is a native module.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'parse-worker': resolve(__dirname, 'src/core/corpus/parse-worker.ts'),
          'layout-worker': resolve(__dirname, 'src/core/export/layout-worker.ts'),
          'check-worker': resolve(__dirname, 'src/core/store/check-worker.ts'),
          'search-worker': resolve(__dirname, 'src/core/search/search-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
