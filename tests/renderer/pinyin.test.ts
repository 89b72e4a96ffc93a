import { beforeAll, describe, expect, it } from 'vitest';
import { chooseCandidate, commitComposition } from '../../renderer/src/ime/composition';
import { createImeEngine, type ImeEngine } from '../../renderer/src/ime/engine';
import { candidatePages } from '../../renderer/src/keyboard/candidate-pages';
import { caseNumberFromCode } from '../../renderer/src/session/case-code';
import { formErrors, formIsComplete, missingMaterials } from '../../renderer/src/session/journey-rules';
import { buildImeLexicon } from '../../scripts/build-ime-lexicon';
import type { FormDefinition } from '../../sync/protocol/forms';

let engine: ImeEngine;

beforeAll(() => {
  engine = createImeEngine(buildImeLexicon());
});

const texts = (input: string, limit = 5) => engine.candidates(input, { limit }).map((c) => c.text);

describe('pinyin candidates from the build-time lexicon', () => {
  it('finds the county’s place names by full pinyin and by initials', () => {
    expect(texts('nananshi')[0]).toBe('南安市');
    expect(texts('nas')).toContain('南安市');
    expect(texts('ximei')[0]).toBe('溪美');
    expect(texts('hongl')).toContain('洪濑');
    expect(texts('shuitouzhen')[0]).toBe('水头镇');
  });

  it('puts common surnames among the first single characters', () => {
    expect(texts('wang')[0]).toBe('王');
    expect(texts('zhang')[0]).toBe('张');
    expect(texts('lin')[0]).toBe('林');
    expect(texts('chen')).toContain('陈');
  });

  it('offers phrases for full syllables and ignores nothing it can read', () => {
    expect(texts('shitou')).toContain('石头');
    expect(texts('')).toEqual([]);
    expect(texts("nan'an")[0]).toBe('南安');
  });
});

describe('the composition on the Chinese keyboard', () => {
  it('choosing a candidate takes exactly its letters and leaves the rest to compose', () => {
    const zhongshan = engine.candidates('zhongshanlu8hao', { limit: 60 }).find((c) => c.text === '中山')!;
    expect(chooseCandidate('zhongshanlu8hao', zhongshan)).toEqual({ insert: '中山', pinyin: 'lu8hao' });
    const nanan = engine.candidates('nasm', { limit: 60 }).find((c) => c.text === '南安市')!;
    expect(chooseCandidate('nasm', nanan)).toEqual({ insert: '南安市', pinyin: 'm' });
  });

  it('leaving the composition (another mode, 完成) commits its best reading, never raw letters', () => {
    // Issue 14: switching to 数字 mid-composition left "种树anlu" in the field.
    expect(commitComposition(engine, 'zhongshanlu')).toEqual({ insert: '中山路', pinyin: '' });
    expect(commitComposition(engine, 'lu8hao')).toEqual({ insert: '路8号', pinyin: '' });
    expect(commitComposition(engine, '')).toEqual({ insert: '', pinyin: '' });
    // The lexicon not loaded yet: the letters are dropped, not typed as Latin.
    expect(commitComposition(null, 'zhongshanlu')).toEqual({ insert: '', pinyin: '' });
  });

  it('reads a unit after a number already in the field', () => {
    expect(engine.candidates('hao', { limit: 1, before: '中山路8' })[0]?.text).toBe('号');
    expect(engine.candidates('danyuan', { limit: 1, before: '3' })[0]?.text).toBe('单元');
  });
});

describe('journey rules', () => {
  const text = (zh: string) => ({ 'zh-Hans': zh, 'zh-Hant': zh, en: zh });
  const form: FormDefinition = {
    id: 'f',
    version: 1,
    title: text('表'),
    sections: [
      {
        id: 's',
        title: text('节'),
        fields: [
          { id: 'name', type: 'text', label: text('姓名'), validation: { required: true } },
          {
            id: 'proof',
            type: 'file',
            label: text('证明'),
            materialCode: 'PROOF',
            validation: { required: true },
          },
        ],
      },
    ],
  };

  it('validates with the shared form rules, leaving file fields to the materials screen', () => {
    expect(formIsComplete(form, {})).toBe(false);
    expect(formErrors(form, {}).map((error) => error.fieldId)).toEqual(['name']);
    expect(formIsComplete(form, { name: '张三' })).toBe(true);
    const hostile = formErrors(form, { name: `<script>alert(1)</script>\u202E${'长'.repeat(10_000)}` });
    expect(hostile[0]?.message['zh-Hans']).toBeTruthy();
  });

  it('counts a required material as provided by a consented archive or by pages', () => {
    const requirements = [
      { code: 'A', name: text('甲'), required: true, pages: 1, reusable: true },
      { code: 'B', name: text('乙'), required: false, pages: 1, reusable: false },
    ];
    const archived = new Map([
      [
        'A',
        { code: 'A', sha256: 'a'.repeat(64), name: '甲', archivedAt: '', pages: 1, thumbnailDataUrl: null },
      ],
    ]);
    expect(missingMaterials(requirements, {}, archived).map((entry) => entry.code)).toEqual(['A']);
    expect(missingMaterials(requirements, { A: { useArchived: true, pages: [] } }, archived)).toEqual([]);
    expect(missingMaterials(requirements, { A: { useArchived: false, pages: [{}] } }, new Map())).toEqual([]);
  });

  it('reads the case number from a receipt QR code', () => {
    expect(caseNumberFromCode('https://hall.example/progress?case=NA-2026-000123')).toBe('NA-2026-000123');
    expect(caseNumberFromCode('https://hall.example/progress/NA-2026-000124')).toBe('NA-2026-000124');
    expect(caseNumberFromCode('NA-2026-000125')).toBe('NA-2026-000125');
    expect(caseNumberFromCode('<b>')).toBeNull();
  });
});

describe('candidate pages on the keyboard', () => {
  it('cuts pages by count and by characters, never splitting a phrase', () => {
    const candidates = [
      '南安市溪美街道',
      '有限公司',
      '公司',
      '公',
      '工',
      '攻',
      '功',
      '宫',
      '弓',
      '恭',
      '供',
    ].map((text) => ({
      text,
      consumed: 0,
    }));
    const pages = candidatePages(candidates, 5, 14);
    expect(pages.map((page) => page.map((c) => c.text).join('|'))).toEqual([
      '南安市溪美街道|有限公司|公司|公',
      '工|攻|功|宫|弓',
      '恭|供',
    ]);
    expect(candidatePages(candidates, 9, 22).flat()).toEqual(candidates);
    // A phrase longer than a page still gets a page of its own.
    expect(candidatePages([{ text: '一'.repeat(30), consumed: 0 }], 5, 14)).toHaveLength(1);
  });
});
