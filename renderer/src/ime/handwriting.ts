/**
 * Offline handwriting recognition for the Chinese keyboard's writing pad, from the stroke medians of
 * hanzi-writer-data (built into a compact template file at build time, scripts/build-handwriting-
 * templates.ts). Pure TypeScript, no DOM: the pad, the tests, `npm run ime -- --handwriting` and the
 * bench share it.
 *
 * Each stroke is resampled to a few points evenly spaced along its length (so how fast it was drawn does
 * not matter), the strokes drawn so far and the same number of each template's first strokes are both
 * scaled into a unit box by their own extent (so size and position do not matter), and strokes are
 * compared in writing order by dynamic time warping (an elastic match: a stroke drawn with a longer
 * start or a bent middle still lines up). A template with more strokes than drawn so far pays for each
 * stroke still to come, which is what gives candidates after every stroke.
 */

export type Point = readonly [number, number];
export type Stroke = readonly Point[];

/** Points per stroke in the templates and in what is drawn. */
export const pointsPerStroke = 8;
/** Template coordinates are bytes: 0..255 across the character's em box, y down. */
const templateScale = 255;

export interface HandwritingTemplates {
  version: 1;
  pointsPerStroke: number;
  /** [character, base64 of stroke count + x,y bytes for every point of every stroke] in frequency order. */
  characters: [string, string][];
}

interface Template {
  character: string;
  rank: number;
  /** Per stroke, pointsPerStroke points, as the template file stores them (0..255). */
  strokes: Float32Array[];
  /** Bounding box of the first n strokes, for n = 1..strokes: [minX, minY, maxX, maxY]. */
  prefixBoxes: [number, number, number, number][];
}

/** Evenly spaced points along a stroke (by length, not by time). A tap becomes one point repeated. */
export function resampleStroke(stroke: Stroke, count = pointsPerStroke): Point[] {
  if (stroke.length === 0) return [];
  const lengths = [0];
  for (let index = 1; index < stroke.length; index++) {
    const [x0, y0] = stroke[index - 1]!;
    const [x1, y1] = stroke[index]!;
    lengths.push(lengths[index - 1]! + Math.hypot(x1 - x0, y1 - y0));
  }
  const total = lengths[lengths.length - 1]!;
  if (total === 0) return Array.from({ length: count }, () => stroke[0]!);
  const out: Point[] = [];
  let segment = 1;
  for (let step = 0; step < count; step++) {
    const at = (total * step) / (count - 1);
    while (segment < stroke.length - 1 && lengths[segment]! < at) segment++;
    const start = lengths[segment - 1]!;
    const span = lengths[segment]! - start;
    const t = span === 0 ? 0 : (at - start) / span;
    const [x0, y0] = stroke[segment - 1]!;
    const [x1, y1] = stroke[segment]!;
    out.push([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
  }
  return out;
}

function boxOf(strokes: readonly (readonly number[] | Float32Array)[]): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const stroke of strokes) {
    for (let index = 0; index < stroke.length; index += 2) {
      minX = Math.min(minX, stroke[index]!);
      maxX = Math.max(maxX, stroke[index]!);
      minY = Math.min(minY, stroke[index + 1]!);
      maxY = Math.max(maxY, stroke[index + 1]!);
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Into a unit box by the larger side, centred: keeps the aspect (一 stays flat, 丨 stays tall). */
function normaliser(
  box: readonly [number, number, number, number],
): (x: number, y: number) => [number, number] {
  const [minX, minY, maxX, maxY] = box;
  const size = Math.max(maxX - minX, maxY - minY, 1e-6);
  const offsetX = (size - (maxX - minX)) / 2;
  const offsetY = (size - (maxY - minY)) / 2;
  return (x, y) => [(x - minX + offsetX) / size, (y - minY + offsetY) / size];
}

function normalise(
  strokes: readonly Float32Array[],
  box: readonly [number, number, number, number],
): Float32Array[] {
  const to = normaliser(box);
  return strokes.map((stroke) => {
    const out = new Float32Array(stroke.length);
    for (let index = 0; index < stroke.length; index += 2) {
      const [x, y] = to(stroke[index]!, stroke[index + 1]!);
      out[index] = x;
      out[index + 1] = y;
    }
    return out;
  });
}

/** Dynamic time warping between two resampled strokes (flat x,y arrays), per step of the best path. */
function strokeDistance(a: Float32Array, b: Float32Array, scratch: Float64Array): number {
  const n = a.length / 2;
  const m = b.length / 2;
  // scratch holds (n+1) x (m+1) costs.
  const width = m + 1;
  scratch.fill(Number.POSITIVE_INFINITY, 0, (n + 1) * width);
  scratch[0] = 0;
  for (let i = 1; i <= n; i++) {
    const ax = a[(i - 1) * 2]!;
    const ay = a[(i - 1) * 2 + 1]!;
    for (let j = 1; j <= m; j++) {
      const dx = ax - b[(j - 1) * 2]!;
      const dy = ay - b[(j - 1) * 2 + 1]!;
      const d = Math.sqrt(dx * dx + dy * dy);
      const best = Math.min(
        scratch[(i - 1) * width + j]!,
        scratch[i * width + j - 1]!,
        scratch[(i - 1) * width + j - 1]!,
      );
      scratch[i * width + j] = d + best;
    }
  }
  return scratch[n * width + m]! / (n + m);
}

/** What one more template stroke than drawn costs (in unit-box distance): a stroke still to come. */
const missingStrokeCost = 0.045;
/** A stroke matched to its neighbour in the template (written out of order) costs this much more. */
const swapCost = 0.03;
/** Only a stroke that matches its own template stroke worse than this looks at the neighbours. */
const swapThreshold = 0.06;

export interface HandwritingRecogniser {
  /** Best characters first, for the strokes drawn so far (any coordinates, y down). */
  recognise(strokes: readonly Stroke[], limit?: number): string[];
  readonly size: number;
}

/** Decodes base64 without Buffer (the renderer has atob; so does Node ≥ 16). */
function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function encodeTemplate(strokes: readonly Stroke[]): Uint8Array {
  const bytes = [strokes.length];
  for (const stroke of strokes) {
    for (const [x, y] of resampleStroke(stroke)) {
      bytes.push(Math.round(Math.min(1, Math.max(0, x)) * templateScale));
      bytes.push(Math.round(Math.min(1, Math.max(0, y)) * templateScale));
    }
  }
  return Uint8Array.from(bytes);
}

/** Throws on a file that is not a template set: the build wrote it, so a bad one is a broken build. */
export function createHandwritingRecogniser(file: HandwritingTemplates): HandwritingRecogniser {
  if (file.version !== 1 || file.pointsPerStroke !== pointsPerStroke || !Array.isArray(file.characters)) {
    throw new Error('not a hall-kiosk handwriting template file');
  }
  const templates: Template[] = file.characters.map(([character, data], rank) => {
    const bytes = decodeBase64(data);
    const count = bytes[0] ?? 0;
    if (count === 0 || bytes.length !== 1 + count * pointsPerStroke * 2) {
      throw new Error(`handwriting template for ${character} is malformed`);
    }
    const strokes: Float32Array[] = [];
    for (let stroke = 0; stroke < count; stroke++) {
      const start = 1 + stroke * pointsPerStroke * 2;
      strokes.push(Float32Array.from(bytes.subarray(start, start + pointsPerStroke * 2)));
    }
    const prefixBoxes = strokes.map((_, index) => boxOf(strokes.slice(0, index + 1)));
    return { character, rank, strokes, prefixBoxes };
  });
  const scratch = new Float64Array((pointsPerStroke + 1) * (pointsPerStroke + 1));
  const placed = new Float32Array(pointsPerStroke * 2);
  /** A template's stroke in the unit box of its first strokes. */
  const templateStroke = (
    template: Template,
    index: number,
    to: (x: number, y: number) => [number, number],
  ) => {
    const source = template.strokes[index]!;
    for (let at = 0; at < source.length; at += 2) {
      const [x, y] = to(source[at]!, source[at + 1]!);
      placed[at] = x;
      placed[at + 1] = y;
    }
    return placed;
  };

  return {
    size: templates.length,
    recognise(drawn, limit = 10) {
      const strokes = drawn.filter((stroke) => stroke.length > 0);
      if (strokes.length === 0) return [];
      const resampled = strokes.map((stroke) => Float32Array.from(resampleStroke(stroke).flat()));
      const input = normalise(resampled, boxOf(resampled));
      const drawnCount = input.length;
      // The best `limit` so far, worst last: a template whose strokes so far already cost more than the
      // worst of them is left unfinished (most are, after the first few strokes).
      const best: { character: string; score: number }[] = [];
      for (const template of templates) {
        if (template.strokes.length < drawnCount) continue;
        const missing = missingStrokeCost * (template.strokes.length - drawnCount);
        const bar = best.length < limit ? Number.POSITIVE_INFINITY : best[best.length - 1]!.score;
        if (missing >= bar) continue;
        const to = normaliser(template.prefixBoxes[drawnCount - 1]!);
        let total = 0;
        let index = 0;
        for (; index < drawnCount; index++) {
          let distance = strokeDistance(input[index]!, templateStroke(template, index, to), scratch);
          // Two neighbouring strokes written the other way round still match, at a small price.
          if (distance > swapThreshold) {
            for (const other of [index - 1, index + 1]) {
              if (other < 0 || other >= template.strokes.length) continue;
              const swapped =
                strokeDistance(input[index]!, templateStroke(template, other, to), scratch) + swapCost;
              if (swapped < distance) distance = swapped;
            }
          }
          total += distance;
          if (total / drawnCount + missing >= bar) break;
        }
        if (index < drawnCount) continue;
        const score = total / drawnCount + missing;
        let at = best.length;
        while (at > 0 && best[at - 1]!.score > score) at--;
        best.splice(at, 0, { character: template.character, score });
        if (best.length > limit) best.pop();
      }
      return best.map((entry) => entry.character);
    },
  };
}
