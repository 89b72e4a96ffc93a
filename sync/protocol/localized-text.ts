import { z } from 'zod';

/** The kiosk's three display languages. Same shape as host/api's, so the host can re-export this one. */
export const languageSchema = z.enum(['zh-Hans', 'zh-Hant', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const languages: readonly Language[] = languageSchema.options;

/** Text shown to applicants: every language is required and non-empty. */
export const localizedTextSchema = z.strictObject({
  'zh-Hans': z.string().min(1).max(500),
  'zh-Hant': z.string().min(1).max(500),
  en: z.string().min(1).max(500),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Fills `{name}` placeholders in every language of a text. */
export function formatLocalizedText(
  text: LocalizedText,
  params: Readonly<Record<string, string | number>>,
): LocalizedText {
  const fill = (template: string): string =>
    template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
  return { 'zh-Hans': fill(text['zh-Hans']), 'zh-Hant': fill(text['zh-Hant']), en: fill(text.en) };
}
