import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '4000'}`;
// Same-origin API paths, forwarded to the API process in development and preview.
const proxy = Object.fromEntries(
  ['graphql', 'files', 'healthz', 'readyz', 'dev-api'].map((name) => [`^/${name}(/|\\?|$)`, { target: apiTarget, changeOrigin: false }]),
);

const spaConfig: UserConfig = {
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
};

/**
 * The API playground (GraphiQL, served by the API at /playground): a second build into the same
 * dist folder, after the SPA's (`vite build --mode playground`). Built on its own, it shares no
 * chunk with the SPA, whose bundle stays exactly what it was.
 */
const playgroundConfig: UserConfig = {
  ...spaConfig,
  // Monaco's language workers are split into chunks: ES module workers.
  worker: { format: 'es' },
  build: {
    ...spaConfig.build,
    emptyOutDir: false,
    copyPublicDir: false,
    // GraphiQL and Monaco are large; the page is a developer tool, exempt from the SPA's budgets.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: fileURLToPath(new URL('./playground.html', import.meta.url)),
      onwarn(warning, warn) {
        // GraphiQL's modules carry React Compiler directives ("use no memo"), meaningless once bundled.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.id?.includes('/node_modules/')) return;
        warn(warning);
      },
    },
  },
};

export default defineConfig(({ mode }) => (mode === 'playground' ? playgroundConfig : spaConfig));
