import { useTranslation } from 'react-i18next';
import { registerTechnicianStrings, technicianNamespace } from './i18n/register';

/** The technician namespace's t(), registered on first use. */
export function useTech() {
  registerTechnicianStrings();
  return useTranslation(technicianNamespace);
}

/** A host call that may be rejected (HostCallError) or fail: the message for the screen. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
