import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '4000'}`;
// Same-origin API paths, forwarded to the API process in development and preview.
const proxy = Object.fromEntries(
  ['graphql', 'files', 'healthz', 'readyz', 'dev-api'].map((name) => [`^/${name}(/|\\?|$)`, { target: apiTarget, changeOrigin: false }]),
);

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@guichet/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: false,
    proxy,
  },
  preview: {
    proxy,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate files stay cached across releases.
        manualChunks(id) {
          if (!id.includes('/node_modules/')) return undefined;
          if (/\/node_modules\/(react|react-dom|scheduler|react-router|cookie|set-cookie-parser)\//.test(id)) return 'react';
          if (/\/node_modules\/(@apollo|graphql|graphql-tag|rxjs|@wry|optimism|tslib|@graphql-typed-document-node)\//.test(id)) {
            return 'apollo';
          }
          // Phone numbers are only checked on the team pages: kept out of the route chunks.
          if (id.includes('/node_modules/libphonenumber-js/')) return 'phone';
          return undefined;
        },
      },
    },
  },
});
