import { defineConfig } from 'tsdown';

// ESM and CommonJS bundles with their declarations (.d.ts, .d.cts). The service's decision module,
// imported by relative path, is bundled in: the package ships one file per format and no dependency.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  outDir: 'dist',
  tsconfig: 'tsconfig.json',
});
