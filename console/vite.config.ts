import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/** The console's whole script must stay under 1 MB: the build fails past it (a test measures it too). */
export const SCRIPT_BUDGET_BYTES = 1024 * 1024;

function scriptBudget(): Plugin {
  return {
    name: 'console-script-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const bytes = Object.values(bundle).reduce((sum, item) => sum + (item.type === 'chunk' ? Buffer.byteLength(item.code) : 0), 0);
      if (bytes > SCRIPT_BUDGET_BYTES) this.error(`the console's script is ${bytes} bytes, over the ${SCRIPT_BUDGET_BYTES}-byte budget`);
    },
  };
}

// Built by `npm run build` into console/dist/, which the service serves at /console/.
// `npx vite --config console/vite.config.ts` serves it with hot reload and passes the API to a
// service running on :3000.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react(), scriptBudget()],
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', sourcemap: false, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:3000',
      '/console/config.json': 'http://127.0.0.1:3000',
      '/console/dev-sign-in': 'http://127.0.0.1:3000',
    },
  },
});
