import { beforeAll, describe, expect, it } from 'vitest';
import {
  createHandwritingRecogniser,
  type HandwritingRecogniser,
  type HandwritingTemplates,
  resampleStroke,
} from '../../renderer/src/ime/handwriting';
import { buildHandwritingTemplates, characterMedians } from '../../scripts/build-handwriting-templates';
import { scoreHandwriting } from './handwriting-accuracy';
import { perturbStrokes, randomPerturbation, seededRandom } from './handwriting-perturb';

let templates: HandwritingTemplates;
let recogniser: HandwritingRecogniser;

beforeAll(() => {
  templates = buildHandwritingTemplates();
  recogniser = createHandwritingRecogniser(templates);
});

describe('handwriting on the Chinese keyboard', () => {
  it('ships templates for the 3,500 common characters and every character of the hall’s names, compactly', () => {
    expect(recogniser.size).toBeGreaterThanOrEqual(3_500);
    const characters = new Set(templates.characters.map(([character]) => character));
    for (const character of '张伟王芳李秀英林陈黄洪蔡溪美街道南安市公积金')
      expect(characters).toContain(character);
    expect(JSON.stringify(templates).length).toBeLessThan(1024 * 1024);
  });

  it('reads perturbed writing of 500 common characters: top-5 ≥ 97%, top-1 ≥ 93%', () => {
    const score = scoreHandwriting(recogniser, templates);
    expect(score.characters).toBe(500);
    expect(score.top5, score.misses.join(' ')).toBeGreaterThanOrEqual(0.97);
    expect(score.top1, score.misses.join(' ')).toBeGreaterThanOrEqual(0.93);
  });

  it('still reads a character with two neighbouring strokes written the other way round', () => {
    const random = seededRandom(21);
    const characters = templates.characters.filter((_, index) => index % 17 === 0).slice(0, 150);
    let found = 0;
    for (const [character] of characters) {
      const strokes = perturbStrokes(characterMedians(character)!, randomPerturbation(random), random);
      if (strokes.length >= 2) {
        const at = Math.floor(random() * (strokes.length - 1));
        [strokes[at], strokes[at + 1]] = [strokes[at + 1]!, strokes[at]!];
      }
      if (recogniser.recognise(strokes, 5).includes(character)) found++;
    }
    expect(found / characters.length).toBeGreaterThanOrEqual(0.95);
  });

  it('offers candidates after every stroke, the character itself once it is complete', () => {
    const random = seededRandom(3);
    const strokes = perturbStrokes(characterMedians('南')!, randomPerturbation(random), random);
    for (let drawn = 1; drawn <= strokes.length; drawn++) {
      expect(recogniser.recognise(strokes.slice(0, drawn), 10)).toHaveLength(10);
    }
    expect(recogniser.recognise(strokes, 10)[0]).toBe('南');
    // Partway, every candidate has at least the strokes drawn so far.
    const strokeCounts = new Map(
      templates.characters.map(([character, data]) => [character, atob(data).charCodeAt(0)]),
    );
    for (const candidate of recogniser.recognise(strokes.slice(0, 4), 10)) {
      expect(strokeCounts.get(candidate)).toBeGreaterThanOrEqual(4);
    }
  });

  it('does not care how fast a stroke was drawn, and ignores empty strokes and nothing', () => {
    const slow: [number, number][] = Array.from({ length: 50 }, (_, i) => [i * 2, 10]);
    const fast: [number, number][] = [
      [0, 10],
      [98, 10],
    ];
    expect(resampleStroke(slow)).toEqual(resampleStroke(fast).map(([x, y]) => [expect.closeTo(x, 6), y]));
    expect(recogniser.recognise([])).toEqual([]);
    expect(recogniser.recognise([[]])).toEqual([]);
    expect(recogniser.recognise([slow], 3)[0]).toBe('一');
  });

  it('refuses a file that is not a template set', () => {
    expect(() => createHandwritingRecogniser({ ...templates, version: 2 as 1 })).toThrow(/template file/);
    expect(() =>
      createHandwritingRecogniser({ version: 1, pointsPerStroke: 8, characters: [['一', 'AQID']] }),
    ).toThrow(/一 is malformed/);
  });
});
