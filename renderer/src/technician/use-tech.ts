import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { registerTechnicianStrings, technicianNamespace } from './i18n/register';

/**
 * The language technician mode was opened in. The applicant side's language follows its session, which
 * a test card read ends and resets (issue 15, defect 14): technician screens keep their own.
 */
export const TechnicianLanguage = createContext<string | null>(null);

/** The technician namespace's t() in technician mode's language, registered on first use. */
export function useTech() {
  registerTechnicianStrings();
  const pinned = useContext(TechnicianLanguage);
  const translation = useTranslation(technicianNamespace, pinned ? { lng: pinned } : undefined);
  const { i18n } = translation;
  // i18n.language as the technician screens see it: the pinned language (dates, item names).
  const i18nSeen = useMemo(
    () => (pinned ? (Object.assign(Object.create(i18n), { language: pinned }) as typeof i18n) : i18n),
    [i18n, pinned],
  );
  return { ...translation, i18n: i18nSeen };
}

/** A host call that may be rejected (HostCallError) or fail: the message for the screen. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
