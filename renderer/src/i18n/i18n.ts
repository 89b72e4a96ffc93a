import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../host/api/kiosk';
import { en } from './en';
import { zhHans } from './zh-Hans';
import { zhHant } from './zh-Hant';

export const resources = {
  'zh-Hans': { translation: zhHans },
  'zh-Hant': { translation: zhHant },
  en: { translation: en },
} as const;

export function initI18n(language: Language = 'zh-Hans') {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // A missing key must show up in tests, not silently fall back to another language.
    saveMissing: true,
    missingKeyHandler: (_lngs, _ns, key) => {
      console.error(`missing translation: ${key}`);
    },
  });
  return i18next;
}
