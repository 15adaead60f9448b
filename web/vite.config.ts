import { constants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { antdStaticStyles } from './vite.antd-styles.ts';
import { chunkGroups, collectBootModules, inlineEntryStyles, preloadModules } from './vite.chunks.ts';
import { theme } from './src/app/theme.ts';

// The API is same-origin under /api in production (the server serves web/dist);
// in development Vite forwards /api to the server on port 3000 (or THIDUA_API).
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const apiTarget = env.THIDUA_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    antdStaticStyles(theme),
    react(),
    collectBootModules(/[\\/]src[\\/]app[\\/]boot\.tsx$/),
    preloadModules([/[\\/]src[\\/]app[\\/]boot\.tsx$/, /[\\/]src[\\/]app[\\/]providers\.tsx$/]),
    inlineEntryStyles(),
    // Brotli and gzip copies beside each text asset, made once here at their smallest: the server
    // sends the one the browser accepts (@fastify/static's preCompressed) and never compresses
    // them per request.
    compression({
      algorithms: [defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }), defineAlgorithm('gzip', { level: 9 })],
      include: /\.(html|js|mjs|css|svg|json|txt)$/,
      threshold: 1024,
      logLevel: 'silent',
    }),
  ],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      treeshake: {
        // @thidua/contracts is plain declarations; the web app uses its enums and error table only,
        // so its Zod schemas (and Zod itself) must not reach the bundle.
        moduleSideEffects: (id) => (/[\\/]packages[\\/]contracts[\\/]/.test(id) ? false : undefined),
      },
      output: { codeSplitting: { groups: chunkGroups } },
    },
  },
});
