/** Top-1/top-5 of the recogniser on perturbed writing of common characters (test and bench share it). */
import type { HandwritingRecogniser, HandwritingTemplates } from '../../renderer/src/ime/handwriting';
import { characterMedians } from '../../scripts/build-handwriting-templates';
import { perturbStrokes, randomPerturbation, seededRandom } from './handwriting-perturb';

export interface HandwritingScore {
  characters: number;
  top1: number;
  top5: number;
  misses: string[];
  /** Milliseconds per recognition (all strokes at once). */
  times: number[];
}

/** Every seventh of the common characters (500 of the 3,500), each written once with a new perturbation. */
export function scoreHandwriting(
  recogniser: HandwritingRecogniser,
  templates: HandwritingTemplates,
  seed = 14,
  count = 500,
): HandwritingScore {
  const characters = templates.characters
    .map(([character]) => character)
    .filter((_, index) => index % 7 === 0)
    .slice(0, count);
  const random = seededRandom(seed);
  let top1 = 0;
  let top5 = 0;
  const misses: string[] = [];
  const times: number[] = [];
  for (const character of characters) {
    const medians = characterMedians(character);
    if (!medians) throw new Error(`no medians for ${character}`);
    const strokes = perturbStrokes(medians, randomPerturbation(random), random);
    const started = performance.now();
    const found = recogniser.recognise(strokes, 10);
    times.push(performance.now() - started);
    if (found[0] === character) top1++;
    if (found.slice(0, 5).includes(character)) top5++;
    else misses.push(`${character}→${found.slice(0, 3).join('')}`);
  }
  return {
    characters: characters.length,
    top1: top1 / characters.length,
    top5: top5 / characters.length,
    misses,
    times,
  };
}
