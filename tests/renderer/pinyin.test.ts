import { beforeAll, describe, expect, it } from 'vitest';
import { createPinyinMatcher, type PinyinMatcher } from '../../renderer/src/keyboard/pinyin-match';
import { caseNumberFromCode } from '../../renderer/src/session/case-code';
import { formErrors, formIsComplete, missingMaterials } from '../../renderer/src/session/journey-rules';
import { buildPinyinIndex } from '../../scripts/build-pinyin-index';
import type { FormDefinition } from '../../sync/protocol/forms';

let matcher: PinyinMatcher;

beforeAll(() => {
  matcher = createPinyinMatcher(buildPinyinIndex());
});

describe('pinyin candidates from the build-time index', () => {
  it('finds the county’s place names by full pinyin and by initials', () => {
    expect(matcher.candidates('nananshi')[0]).toBe('南安市');
    expect(matcher.candidates('nas')[0]).toBe('南安市');
    expect(matcher.candidates('ximei')[0]).toBe('溪美');
    expect(matcher.candidates('hongl')).toContain('洪濑');
    expect(matcher.candidates('shuitouzhen')[0]).toBe('水头镇');
  });

  it('takes "nasm" as 南安市 followed by an m still to type', () => {
    const [first] = matcher.lookup('nasm');
    expect(first).toEqual({ text: '南安市', consumed: 3 });
  });

  it('puts common surnames first among single characters', () => {
    expect(matcher.candidates('wang')[0]).toBe('王');
    expect(matcher.candidates('zhang')[0]).toBe('张');
    expect(matcher.candidates('lin')[0]).toBe('林');
    expect(matcher.candidates('chen')[0]).toBe('陈');
  });

  it('offers phrases for full syllables and the longest spelled beginning otherwise', () => {
    expect(matcher.candidates('shitou')).toContain('石头');
    const texts = matcher.lookup('zhangsan').map((candidate) => candidate.text);
    expect(texts).toContain('张');
  });

  it('ignores what is not a letter and returns nothing for nothing', () => {
    expect(matcher.candidates('')).toEqual([]);
    expect(matcher.candidates("nan'an")[0]).toBe('南安');
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
