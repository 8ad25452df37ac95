import { defineConfig } from 'vite';

// The dashboard is served by the Java HTTP server from the jar's webroot/ (see frontend/pom.xml);
// `npm run dev` proxies the API and the bridge to a running `./rwa run` on :8080.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  define: { global: 'globalThis' }, // sockjs-client reads `global`
  build: {
    outDir: process.env.RWA_WEBROOT ?? 'target/classes/webroot',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8080', ws: true },
      '/eventbus': { target: 'http://localhost:8080', ws: true },
      '/health': 'http://localhost:8080',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
} as never);
