/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/** The API/WebSocket server that `npm run dev` proxies to (started by the same script). */
const devServerTarget = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    // A service worker keeps the app's own files, so that a page reloaded without a connection
    // still opens and shows the documents this browser keeps (IndexedDB), instead of an error page.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      manifest: {
        name: 'Trame',
        short_name: 'Trame',
        description: 'Écrire ensemble, en direct',
        lang: 'fr',
        start_url: '/',
        display: 'standalone',
        background_color: '#f5f4f0',
        theme_color: '#1f5f8b',
        icons: [],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2}'],
        navigateFallback: '/index.html',
        // The API, the WebSocket endpoint and the health check always go to the network.
        navigateFallbackDenylist: [/^\/api\//, /^\/collab\//, /^\/healthz/],
        clientsClaim: true,
        skipWaiting: true,
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': devServerTarget,
      '/healthz': devServerTarget,
      '/collab': { target: devServerTarget.replace('http', 'ws'), ws: true },
    },
  },
  test: {
    root: '.',
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    // One throw-away PostgreSQL cluster for the run; its URL is inject('postgresUrl') ('' when skipped).
    globalSetup: ['tests/helpers/postgresGlobalSetup.ts'],
    testTimeout: 30_000,
    // Browser and socket assertions poll until true; on a loaded 2-core machine one second is short.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    hookTimeout: 60_000,
    // Browser and integration tests start real servers; keep parallelism modest on 2 cores.
    maxWorkers: 2,
  },
});
