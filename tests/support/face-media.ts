/**
 * Test pictures for 人证核验, made from the sample photos @vladmandic/face-api ships (demo/sample*.jpg):
 * a card photo of person A (102 x 126 like a decoded WLT photo, the face on a light grey ground) and
 * fake-camera videos (Y4M, for Chromium's --use-file-for-fake-video-capture) of A and of person B.
 *
 * A and B were chosen from the 22 faces of the six samples by their FaceRecognitionNet distance: the
 * two are 0.84 apart (the closest two different people in the samples are 0.47 apart).
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

const demoDir = resolve(import.meta.dirname, '..', '..', 'node_modules', '@vladmandic', 'face-api', 'demo');

/** A face in one of the samples: its detection box (SSD MobileNet, in the sample's pixels). */
export interface SampleFace {
  readonly sample: string;
  readonly box: { x: number; y: number; width: number; height: number };
}

/** sample3.jpg, the woman in the middle (frontal, 224 x 298 px face). */
export const personA: SampleFace = {
  sample: 'sample3.jpg',
  box: { x: 1073, y: 215, width: 224, height: 298 },
};
/** sample6.jpg, the woman on the left (frontal, 211 x 292 px face). */
export const personB: SampleFace = {
  sample: 'sample6.jpg',
  box: { x: 249, y: 467, width: 211, height: 292 },
};

interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A region of the given aspect around the face, `faceHeights` face heights tall, kept inside the image. */
function regionAround(
  face: SampleFace,
  imageWidth: number,
  imageHeight: number,
  faceHeights: number,
  aspect: number,
): Region {
  const height = Math.min(imageHeight, Math.round(face.box.height * faceHeights));
  const width = Math.min(imageWidth, Math.round(height * aspect));
  const centreX = face.box.x + face.box.width / 2;
  const centreY = face.box.y + face.box.height * 0.45;
  const left = Math.round(Math.min(Math.max(centreX - width / 2, 0), imageWidth - width));
  const top = Math.round(Math.min(Math.max(centreY - height / 2, 0), imageHeight - height));
  return { left, top, width, height };
}

/**
 * Fades the picture to a light grey outside an ellipse (centre and radii as fractions of the picture):
 * a plain background, as behind a card photo or an applicant in front of a wall.
 */
function fadeToGrey(
  rgb: Buffer,
  width: number,
  height: number,
  ellipse: { x: number; y: number; rx: number; ry: number },
): void {
  const grey = 222;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x - width * ellipse.x) / (width * ellipse.rx);
      const dy = (y - height * ellipse.y) / (height * ellipse.ry);
      const keep = Math.min(1, Math.max(0, (1.15 - Math.sqrt(dx * dx + dy * dy)) / 0.25));
      for (let channel = 0; channel < 3; channel++) {
        const at = (y * width + x) * 3 + channel;
        rgb[at] = Math.round(rgb[at]! * keep + grey * (1 - keep));
      }
    }
  }
}

/**
 * The card photo of a face: 102 x 126 JPEG, the head on a light grey ground (outside an ellipse around
 * the head the picture fades to grey, as on a card photo's plain background).
 */
export async function cardPhotoOf(face: SampleFace): Promise<Buffer> {
  const source = sharp(join(demoDir, face.sample));
  const { width = 0, height = 0 } = await source.metadata();
  const region = regionAround(face, width, height, 1.75, 102 / 126);
  const { data, info } = await sharp(join(demoDir, face.sample))
    .extract(region)
    .resize(102, 126)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  fadeToGrey(data, info.width, info.height, { x: 0.5, y: 0.5, rx: 0.44, ry: 0.48 });
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** RGB (packed) to Y4M's 4:2:0 planes (BT.601, full range as C420jpeg says). */
function i420Of(rgb: Buffer, width: number, height: number): Buffer {
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const out = Buffer.alloc(ySize + 2 * cSize);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      const r = rgb[at]!;
      const g = rgb[at + 1]!;
      const b = rgb[at + 2]!;
      out[y * width + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < width / 2; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [oy, ox] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ] as const) {
        const at = ((2 * y + oy) * width + 2 * x + ox) * 3;
        r += rgb[at]!;
        g += rgb[at + 1]!;
        b += rgb[at + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const u = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
      const v = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
      out[ySize + y * (width / 2) + x] = Math.max(0, Math.min(255, Math.round(u)));
      out[ySize + cSize + y * (width / 2) + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return out;
}

export interface CameraVideoOptions {
  /** true: the face comes closer over the clip (the liveness prompt's movement); false: a still picture. */
  moving: boolean;
  frames?: number;
  width?: number;
  height?: number;
}

/**
 * A Y4M clip of a face as a kiosk's front camera sees it (head and shoulders, 640 x 480, 10 frames a
 * second). Moving: the face grows from 1 to 1.8 times its first size over the clip, as a person who
 * leans towards the screen. Chromium loops the clip.
 */
export async function writeCameraVideo(
  face: SampleFace,
  path: string,
  options: CameraVideoOptions,
): Promise<void> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames = options.frames ?? (options.moving ? 30 : 4);
  const source = join(demoDir, face.sample);
  const { width: imageWidth = 0, height: imageHeight = 0 } = await sharp(source).metadata();
  mkdirSync(resolve(path, '..'), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
    for (let frame = 0; frame < frames; frame++) {
      // Hold the first and last few frames, move in between.
      // A still picture is held at the middle of the moving clip's range (a face the detector sees well).
      const progress = options.moving ? Math.min(1, Math.max(0, (frame - 3) / (frames - 8))) : 0.6;
      const zoom = 1 + 0.8 * progress;
      const region = regionAround(face, imageWidth, imageHeight, 4.5 / zoom, width / height);
      const rgb = await sharp(source).extract(region).resize(width, height).removeAlpha().raw().toBuffer();
      // The applicant alone in front of a plain wall: the people beside them in the sample fade out.
      const faceX = (face.box.x + face.box.width / 2 - region.left) / region.width;
      const faceY = (face.box.y + face.box.height * 0.6 - region.top) / region.height;
      const radius = (face.box.height / region.height) * 0.95;
      fadeToGrey(rgb, width, height, { x: faceX, y: faceY, rx: (radius * height) / width, ry: radius * 1.1 });
      writeSync(fd, 'FRAME\n');
      writeSync(fd, i420Of(rgb, width, height));
    }
  } finally {
    closeSync(fd);
  }
}
