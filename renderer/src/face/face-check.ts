import type { FaceCheckOutcome } from '../../../host/api/face-check';
import { loadFaceEngine, stillFrameOf } from './face-engine';
import { defaultLivenessRule, descriptorDistance, type FaceSighting, livenessOf } from './liveness';

/** What the host hands over for one check (getFaceCheck). */
export interface FaceCheckRequest {
  /** The card photo as a data URL. */
  readonly photo: string;
  readonly threshold: number;
  readonly livenessSeconds: number;
}

export type FaceCheckPhase = 'loading' | 'looking' | 'comparing';

export interface FaceCheckHooks {
  /** Where the built app keeps the model files (models/face/ beside index.html). */
  readonly modelUrl: string;
  phase(phase: FaceCheckPhase): void;
  /** True once the screen is gone: the loop stops and nothing is reported. */
  cancelled(): boolean;
}

async function pictureOf(dataUrl: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = dataUrl;
  await image.decode();
  return image;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One 人证核验 on the device: the card photo's descriptor; then the camera, until the face has come
 * closer (liveness.ts); then one still frame of it, aligned and described, compared with the card's
 * (Euclidean distance at most the hall's threshold: a match). Pictures and descriptors live in local
 * variables only and are dropped when this returns; only the outcome leaves.
 */
export async function runFaceCheck(
  request: FaceCheckRequest,
  camera: HTMLVideoElement,
  hooks: FaceCheckHooks,
): Promise<FaceCheckOutcome> {
  // Timings only (performance entries, read by npm run bench -- face): never a picture or a number of it.
  const began = performance.now();
  const engine = await loadFaceEngine(hooks.modelUrl);
  performance.measure('face-check:model-load', { start: began });
  const cardStarted = performance.now();
  const card = await pictureOf(request.photo);
  // A card photo is small (102 x 126): the detector's smallest inputs suit it.
  const cardFace = (await engine.findFace(card, 128)) ?? (await engine.findFace(card, 160));
  if (!cardFace) return 'no_face';
  const cardDescriptor = await engine.describe(card, cardFace);
  performance.measure('face-check:card-photo', { start: cardStarted });
  hooks.phase('looking');
  const sightings: FaceSighting[] = [];
  const started = performance.now();
  while (performance.now() - started < request.livenessSeconds * 1000) {
    if (hooks.cancelled()) return 'unavailable';
    if (camera.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
      await pause(100);
      continue;
    }
    const box = await engine.findFaceBox(camera, 160);
    if (box) sightings.push({ atMs: performance.now() - started, width: box.width });
    if (livenessOf(sightings, defaultLivenessRule) === 'live') {
      hooks.phase('comparing');
      performance.measure('face-check:liveness', { start: started });
      const compareStarted = performance.now();
      const still = stillFrameOf(camera);
      const face = await engine.findFace(still, 224);
      if (face) {
        const distance = descriptorDistance(cardDescriptor, await engine.describe(still, face));
        still.width = 0;
        performance.measure('face-check:compare', { start: compareStarted });
        performance.measure('face-check:total', { start: began });
        return distance <= request.threshold ? 'match' : 'no_match';
      }
      still.width = 0;
    }
    await pause(50);
  }
  return sightings.length > 0 ? 'not_live' : 'no_face';
}
