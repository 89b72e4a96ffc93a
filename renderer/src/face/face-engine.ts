import * as faceapi from '@vladmandic/face-api';

/**
 * The face model of 人证核验, in the renderer: @vladmandic/face-api's tiny face detector, 68-point
 * landmarks and FaceRecognitionNet (128-number descriptors), with the weights the package ships, copied
 * into the built app (renderer/vite.config.ts) and loaded from it, never from the network. Pictures are
 * looked at in memory only: nothing here stores, sends or logs a frame, a photo or a descriptor.
 */

/** A face found in a picture: its box and the landmarks the aligned crop is made from. */
export interface FoundFace {
  readonly box: { x: number; y: number; width: number; height: number };
  readonly landmarks: faceapi.FaceLandmarks68;
}

export type FacePicture = HTMLImageElement | HTMLCanvasElement | HTMLVideoElement;

/** Side of the aligned face chip FaceRecognitionNet takes (dlib's 150 x 150). */
const CHIP_SIZE = 150;

/**
 * The video's current frame, still (a canvas): detection and description must see the same pixels,
 * and a playing video moves on while the model runs.
 */
export function stillFrameOf(video: HTMLVideoElement): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')?.drawImage(video, 0, 0);
  return canvas;
}

/** The tfjs calls used here (face-api bundles tfjs; its typings leave these out). */
const tf = faceapi.tf as unknown as {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
};

let loading: Promise<FaceEngine> | null = null;

/**
 * The engine, loaded once per renderer (models and backend kept for the next applicant). A software
 * WebGL (SwiftShader, llvmpipe: a kiosk without a GPU driver, headless test browsers) is slower than
 * tfjs's CPU backend for these small nets, so it is not used.
 */
export function loadFaceEngine(modelUrl: string, backend?: 'cpu' | 'webgl'): Promise<FaceEngine> {
  loading ??= FaceEngine.load(modelUrl, backend).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

function hardwareWebGl(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    return !/swiftshader|llvmpipe|software|basic render/i.test(renderer);
  } catch {
    return false;
  }
}

export class FaceEngine {
  private constructor(readonly backend: string) {}

  static async load(modelUrl: string, backend?: 'cpu' | 'webgl'): Promise<FaceEngine> {
    await tf.setBackend(backend ?? (hardwareWebGl() ? 'webgl' : 'cpu'));
    await tf.ready();
    await Promise.all([
      faceapi.nets.tinyFaceDetector.loadFromUri(modelUrl),
      faceapi.nets.faceLandmark68Net.loadFromUri(modelUrl),
      faceapi.nets.faceRecognitionNet.loadFromUri(modelUrl),
    ]);
    return new FaceEngine(tf.getBackend());
  }

  /** The box of the largest face in the picture (detector only: cheap enough for every frame). */
  async findFaceBox(picture: FacePicture, inputSize: number): Promise<FoundFace['box'] | null> {
    const found = await faceapi.detectAllFaces(
      picture,
      new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.45 }),
    );
    let largest: FoundFace['box'] | null = null;
    for (const face of found) {
      const { x, y, width, height } = face.box;
      if (!largest || width * height > largest.width * largest.height) largest = { x, y, width, height };
    }
    return largest;
  }

  /**
   * The largest face in the picture (the applicant nearest the kiosk; a card photo has one), or null.
   * `inputSize` is the detector's square input (a multiple of 32): small pictures need a small one.
   */
  async findFace(picture: FacePicture, inputSize: number): Promise<FoundFace | null> {
    const found = await faceapi
      .detectAllFaces(picture, new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.45 }))
      .withFaceLandmarks();
    let largest: FoundFace | null = null;
    for (const face of found) {
      const box = face.detection.box;
      if (!largest || box.width * box.height > largest.box.width * largest.box.height)
        largest = {
          box: { x: box.x, y: box.y, width: box.width, height: box.height },
          landmarks: face.landmarks,
        };
    }
    return largest;
  }

  /**
   * The 128-number descriptor of a found face, from a chip aligned the way FaceRecognitionNet was
   * trained (dlib): rotated so the eyes are level, scaled so the eye-to-mouth distance is 0.45 of the
   * chip, the eyes' and mouth's centre at (0.5, 0.43).
   */
  async describe(picture: FacePicture, face: FoundFace): Promise<Float32Array> {
    const centre = (points: faceapi.Point[]) => ({
      x: points.reduce((sum, p) => sum + p.x, 0) / points.length,
      y: points.reduce((sum, p) => sum + p.y, 0) / points.length,
    });
    const leftEye = centre(face.landmarks.getLeftEye());
    const rightEye = centre(face.landmarks.getRightEye());
    const mouth = centre(face.landmarks.getMouth());
    const reference = centre([leftEye, rightEye, mouth].map((p) => new faceapi.Point(p.x, p.y)));
    const eyeToMouth =
      (Math.hypot(mouth.x - leftEye.x, mouth.y - leftEye.y) +
        Math.hypot(mouth.x - rightEye.x, mouth.y - rightEye.y)) /
      2;
    const size = eyeToMouth / 0.45;
    const angle = Math.atan2(rightEye.y - leftEye.y, rightEye.x - leftEye.x);
    const chip = document.createElement('canvas');
    chip.width = CHIP_SIZE;
    chip.height = CHIP_SIZE;
    const context = chip.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.fillStyle = '#808080';
    context.fillRect(0, 0, CHIP_SIZE, CHIP_SIZE);
    // Chip coordinates: the reference point lands at (0.5, 0.43) of the chip, the eye line level.
    context.translate(CHIP_SIZE * 0.5, CHIP_SIZE * 0.43);
    context.scale(CHIP_SIZE / size, CHIP_SIZE / size);
    context.rotate(-angle);
    context.translate(-reference.x, -reference.y);
    context.drawImage(picture, 0, 0);
    const descriptor = await faceapi.computeFaceDescriptor(chip);
    chip.width = 0;
    if (Array.isArray(descriptor)) throw new Error('one chip gave several descriptors');
    return descriptor as Float32Array;
  }
}
