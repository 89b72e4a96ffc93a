import type { LocalizedText } from '../protocol/localized-text';

/** Shorthand for writing sample data: simplified, traditional, English. */
export function text(zhHans: string, zhHant: string, en: string): LocalizedText {
  return { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };
}
