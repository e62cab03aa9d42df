import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Resolve paths against this file, not the working directory, so the build lands in
// apps/console/dist whether vite is started here or from the repository root.
const consoleDir = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: consoleDir,
  // The API serves the built console from its root, next to /api.
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${consoleDir}dist`,
    emptyOutDir: true,
    // react-admin and MUI make one large chunk; an internal console loads it once, so no split.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // In development the console and the API run on different ports; proxying keeps the
    // browser on one origin, so the data provider can always call the relative '/api'.
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: true },
    },
  },
});
