import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * 人证核验's model: the weights @vladmandic/face-api ships, copied into the built app (models/face/) so
 * the renderer loads them from the app itself, never from the network. Only the three nets it uses.
 */
const faceModelDir = join(import.meta.dirname, '..', 'node_modules', '@vladmandic', 'face-api', 'model');
const faceModelFiles = [
  'tiny_face_detector_model',
  'face_landmark_68_model',
  'face_recognition_model',
].flatMap((net) => [`${net}-weights_manifest.json`, `${net}.bin`]);

function faceModels(): Plugin {
  return {
    name: 'face-models',
    generateBundle() {
      for (const file of faceModelFiles)
        this.emitFile({
          type: 'asset',
          fileName: `models/face/${file}`,
          source: readFileSync(join(faceModelDir, file)),
        });
    },
    configureServer(server) {
      server.middlewares.use('/models/face/', (request, response, next) => {
        const file = (request.url ?? '').replace(/^\//, '').split('?')[0] ?? '';
        if (!faceModelFiles.includes(file)) return next();
        response.setHeader(
          'content-type',
          file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        );
        response.end(readFileSync(join(faceModelDir, file)));
      });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), faceModels()],
  build: {
    // Relative to root; no Node built-ins in renderer/ (dependency-cruiser).
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    reportCompressedSize: true,
  },
});
