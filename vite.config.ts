import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = 'http://127.0.0.1:8080';

/**
 * The web UI: sources in web/, built into dist/web where the server serves it. Nothing is
 * inlined into index.html (the CSP allows scripts from 'self' only), and routes are split into
 * their own chunks so the first load stays small.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react(), tailwindcss()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // Never inline assets as data: URIs into scripts or the page; small files stay files.
    assetsInlineLimit: 0,
    // The module preload polyfill is an inline-free script but unneeded in current browsers.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: {
      '/api/ws': { target: backend, ws: true },
      '/api': backend,
      '/v1': backend,
      '/health': backend,
    },
  },
});
