/**
 * Writing that did not come from the recogniser's own templates: hanzi-writer-data's full-resolution
 * medians (the templates keep 8 points of each) drawn again with another shape, size, speed and slant,
 * as an applicant's finger would. Seeded, so a run can be repeated. Shared by the test, the bench and
 * the e2e (which draws the result on the real canvas).
 */
import type { Stroke } from '../../renderer/src/ime/handwriting';

/** mulberry32: a small seeded generator, enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function along(stroke: Stroke, fraction: number): [number, number] {
  const lengths = [0];
  for (let index = 1; index < stroke.length; index++) {
    const [x0, y0] = stroke[index - 1]!;
    const [x1, y1] = stroke[index]!;
    lengths.push(lengths[index - 1]! + Math.hypot(x1 - x0, y1 - y0));
  }
  const total = lengths[lengths.length - 1]!;
  if (total === 0 || stroke.length === 1) return [stroke[0]![0], stroke[0]![1]];
  const at = total * fraction;
  let segment = 1;
  while (segment < stroke.length - 1 && lengths[segment]! < at) segment++;
  const start = lengths[segment - 1]!;
  const span = lengths[segment]! - start;
  const t = span === 0 ? 0 : Math.min(1, Math.max(0, (at - start) / span));
  const [x0, y0] = stroke[segment - 1]!;
  const [x1, y1] = stroke[segment]!;
  return [x0 + (x1 - x0) * t, y0 + (y1 - y0) * t];
}

export interface Perturbation {
  /** Pixel size of the writing (the em box), e.g. 120..360. */
  size: number;
  /** x stretched against y by this factor (0.85..1.15). */
  aspect: number;
  /** Slant: x shifted by this times y (-0.25..0.25). */
  slant: number;
  /** Rotation in radians (about ±8°). */
  rotation: number;
  /** Wobble of each stroke, as a share of the size. */
  wobble: number;
}

export function randomPerturbation(random: () => number): Perturbation {
  const spread = (low: number, high: number) => low + (high - low) * random();
  return {
    size: spread(120, 360),
    aspect: spread(0.85, 1.15),
    slant: spread(-0.25, 0.25),
    rotation: spread(-0.14, 0.14),
    wobble: spread(0.01, 0.04),
  };
}

/**
 * The medians (unit box, y down) as a finger might draw them: each stroke moved a little, wobbling,
 * sampled at an uneven speed (fast in the middle or at one end) with 12..50 points; then the whole
 * character slanted, rotated, stretched and sized, at an offset within a pad.
 */
export function perturbStrokes(
  medians: readonly Stroke[],
  perturbation: Perturbation,
  random: () => number,
): Stroke[] {
  const { size, aspect, slant, rotation, wobble } = perturbation;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const offsetX = 20 + random() * 40;
  const offsetY = 20 + random() * 40;
  return medians.map((median) => {
    const shiftX = (random() - 0.5) * 0.08;
    const shiftY = (random() - 0.5) * 0.08;
    // A finger starts late or stops short (or runs on) by up to a tenth of the stroke.
    const begin = random() * 0.1;
    const end = 0.9 + random() * 0.1;
    const phase = random() * Math.PI * 2;
    const waves = 1 + random() * 2;
    const pace = 0.6 + random() * 1.0;
    const count = 12 + Math.floor(random() * 39);
    const points: [number, number][] = [];
    for (let step = 0; step < count; step++) {
      const fraction = begin + (end - begin) * (step / (count - 1)) ** pace;
      const [x, y] = along(median, fraction);
      const bend = Math.sin(phase + fraction * Math.PI * waves) * wobble;
      const px = x + shiftX + bend;
      const py = y + shiftY + bend * 0.7;
      // Slant, then rotate about the centre, then stretch and size.
      const sx = px + slant * (py - 0.5) - 0.5;
      const sy = py - 0.5;
      const rx = sx * cos - sy * sin + 0.5;
      const ry = sx * sin + sy * cos + 0.5;
      points.push([offsetX + rx * size * aspect, offsetY + ry * size]);
    }
    return points;
  });
}
