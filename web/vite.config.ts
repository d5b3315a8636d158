// Vite build of the console into web/dist, which the API process serves (api/console.ts).
// `npm run dev -w web` serves it with hot reload and forwards API calls to a running service.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const service = process.env.TEMPERED_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  // echarts-for-react's lib/ is CommonJS whose default export the bundler hands over as the module
  // object; its esm/ build is the same component as a real ES module.
  resolve: { alias: { 'echarts-for-react/lib/core': 'echarts-for-react/esm/core' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  // The console imports the service's pure calendar (domain/calendar.ts) for working days left.
  server: { fs: { allow: ['..'] }, proxy: { '/api': service } },
});
