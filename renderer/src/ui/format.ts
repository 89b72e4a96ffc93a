import type { Language, LocalizedText } from '../../../host/api/kiosk';

/** Intl locales for the three display languages. */
export const locales: Record<Language, string> = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en-GB' };

export function localized(text: LocalizedText, language: Language): string {
  return text[language];
}

/**
 * Times are the hall's, not the device's: a kiosk whose clock is set to UTC must still show a 10:00
 * appointment as 10:00. Set once at boot from getKioskInfo.
 */
let hallTimeZone = 'Asia/Shanghai';

export function setHallTimeZone(timeZone: string): void {
  hallTimeZone = timeZone;
}

/** One clock style for every language: 24-hour (zh-TW would otherwise switch to 上午/下午). */
const clock = { hourCycle: 'h23' } as const;

export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: hallTimeZone,
    ...clock,
  }).format(date);
}

export function formatDate(iso: string, language: Language): string {
  // A bare date (2026-12-07) is a calendar day, not a moment: it is shown as it is, in no time zone.
  if (iso.length === 10) {
    const day = new Date(`${iso}T12:00:00Z`);
    if (Number.isNaN(day.getTime())) return iso;
    return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(day);
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: hallTimeZone }).format(
    date,
  );
}

export function formatTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], {
    timeStyle: 'short',
    timeZone: hallTimeZone,
    ...clock,
  }).format(date);
}

/** One number formatter per language: building one costs more than formatting with it. */
const numberFormats = new Map<Language, Intl.NumberFormat>();

export function formatNumber(value: number, language: Language): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(locales[language]);
    numberFormats.set(language, format);
  }
  return format.format(value);
}

/** Window numbers as a list in the language's own way: 5、6 / 5 and 6. */
export function formatList(parts: readonly string[], language: Language): string {
  return new Intl.ListFormat(locales[language], { style: 'short', type: 'conjunction' }).format(parts);
}

/** Window numbers with runs of three or more joined: 37–40, 42 rather than 37, 38, 39, 40 and 42. */
export function formatNumberRuns(numbers: readonly number[], language: Language): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return formatList(parts, language);
}
