// Builds the console into dist/, which the server serves at `/`. Everything is bundled locally:
// no CDN, no external fonts, so the console works air-gapped.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    // `npm run dev -w @bulwark/web` proxies the API to a locally running server.
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
      '/docs': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
