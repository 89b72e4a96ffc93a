import { describe, expect, it } from 'vitest';
import {
  caseStatusSchema,
  provenanceSchema,
  receiptProblemSchema,
  waitBandSchema,
} from '../../host/api/journey';
import { en } from '../../renderer/src/i18n/en';
import { zhHans } from '../../renderer/src/i18n/zh-Hans';
import { zhHant } from '../../renderer/src/i18n/zh-Hant';
import { priorityReasonSchema } from '../../sync/protocol/central-api';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

const reference = flatten(zhHans);
const languages = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en } as const;

describe('translations', () => {
  for (const [language, messages] of Object.entries(languages)) {
    const flat = flatten(messages as Tree);
    it(`${language}: has every key of zh-Hans and no other`, () => {
      expect([...flat.keys()].sort()).toEqual([...reference.keys()].sort());
    });
    it(`${language}: every string is non-empty and keeps the placeholders`, () => {
      for (const [key, text] of reference) {
        const translated = flat.get(key);
        expect(translated?.trim(), `${language} ${key}`).toBeTruthy();
        expect(placeholders(translated ?? ''), `${language} ${key}`).toEqual(placeholders(text));
      }
    });
  }

  it('uses the words of UI.md', () => {
    const words: [string, string, string, string][] = [
      ['attract.apply', '办理业务', '辦理業務', 'Apply for a service'],
      ['attract.checkIn', '预约取号', '預約取號', 'Appointment check-in'],
      ['attract.progress', '进度查询', '進度查詢', 'Check progress'],
      ['attract.rate', '服务评价 (好差评)', '服務評價', 'Rate our service'],
      ['attract.placeCard', '请放置身份证', '請放置身份證', 'Place your ID card on the reader'],
      ['item.materials', '申请材料', '申請材料', 'Required documents'],
      ['materials.capture', '拍摄材料', '拍攝材料', 'Photograph a document'],
      ['actions.confirm', '确认提交', '確認提交', 'Confirm and submit'],
      ['ticket.title', '受理回执', '受理回執', 'Acceptance receipt'],
      ['ticket.queueNumber', '排队号', '排隊號', 'Queue number'],
      ['header.elderly', '长辈模式', '長輩模式', 'Large text mode'],
      ['actions.back', '返回', '返回', 'Back'],
      ['actions.home', '首页', '首頁', 'Home'],
      ['actions.next', '下一步', '下一步', 'Next'],
      ['idle.title', '即将返回首页', '即將返回首頁', 'Returning to the start screen'],
    ];
    for (const [key, hans, hant, english] of words) {
      expect(reference.get(key)).toBe(hans);
      expect(flatten(zhHant as Tree).get(key)).toBe(hant);
      expect(flatten(en as Tree).get(key)).toBe(english);
    }
    expect(reference.get('ticket.goToWindow_other')?.replace('{{windows}}', '5')).toBe('请到 5 号窗口');
    expect(
      flatten(en as Tree)
        .get('ticket.goToWindow_one')
        ?.replace('{{windows}}', '5'),
    ).toBe('Please go to window 5');
    expect(reference.get('ticket.peopleAhead_other')?.replace('{{count}}', '3')).toBe('前面还有 3 人');
    expect(
      flatten(zhHant as Tree)
        .get('ticket.peopleAhead_other')
        ?.replace('{{count}}', '3'),
    ).toBe('前面還有 3 人');
  });
});

/**
 * Issue 15, defect 3: the host sent wait bands `10_20`, `20_40` and `unknown` while the translations were
 * keyed `10_to_20` and `20_to_40`, so tickets showed raw keys; the key-completeness test above compares
 * languages with each other and could not see it. Here every value each host enum can take is looked up
 * under the key the screens build from it, in every language.
 */
describe('every value the host can send has words in every language', () => {
  const hostValues: [string, readonly string[]][] = [
    ['ticket.waitBand', waitBandSchema.options],
    ['progress.status', caseStatusSchema.options],
    ['form.source', provenanceSchema.options],
    ['ticket.receiptProblem', receiptProblemSchema.options],
    // Issue 15, part 5: every green-channel reason a ticket can carry is explained on screen.
    ['greenChannel.enjoyed', priorityReasonSchema.options],
  ];
  for (const [language, messages] of Object.entries(languages)) {
    const flat = flatten(messages as Tree);
    for (const [prefix, values] of hostValues) {
      it(`${language}: ${prefix}.{${values.join(', ')}}`, () => {
        expect(values.filter((value) => !flat.has(`${prefix}.${value}`))).toEqual([]);
      });
    }
  }
});
