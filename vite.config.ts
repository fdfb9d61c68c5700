import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The tab is built into tab/dist and served by the same Express server as the API.
export default defineConfig({
  root: 'tab',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://127.0.0.1:3978' } },
});
