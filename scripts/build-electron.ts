/**
 * Bundles the Electron shell into dist-electron/: main.js (ESM) and preload.cjs (CommonJS,
 * because a sandboxed preload cannot be an ES module). Native and Node-only packages stay external.
 */
import { resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const external = [
  /^node:/,
  'electron',
  'electron-updater',
  'better-sqlite3',
  'serialport',
  /^@serialport\//,
  'node-hid',
  'sharp',
  'pdfkit',
  'pino',
  'pino-roll',
  'pino-pretty',
  'fastify',
  /^@fastify\//,
  'unix-print',
  'pdf-to-printer',
];

for (const [entry, format, fileName] of [
  ['electron/main.ts', 'es', 'main.js'],
  ['electron/preload.ts', 'cjs', 'preload.cjs'],
] as const) {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: resolve(root, 'dist-electron'),
      emptyOutDir: false,
      ssr: resolve(root, entry),
      target: 'node22',
      minify: false,
      rollupOptions: { external, output: { format, entryFileNames: fileName } },
    },
  });
  console.log(`built dist-electron/${fileName}`);
}
