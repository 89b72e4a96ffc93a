import i18next from 'i18next';
import { en } from './en';
import { zhHans } from './zh-Hans';
import { zhHant } from './zh-Hant';

export const technicianNamespace = 'technician';
export const technicianResources = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en } as const;

/** Adds the "technician" namespace to the app's i18next (once; the shared files stay untouched). */
export function registerTechnicianStrings(instance = i18next): void {
  for (const [language, bundle] of Object.entries(technicianResources)) {
    if (!instance.hasResourceBundle(language, technicianNamespace)) {
      instance.addResourceBundle(language, technicianNamespace, bundle, true, false);
    }
  }
}
