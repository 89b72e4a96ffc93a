import { createContext, useContext } from 'react';
import type { KioskClient } from '../../../host/api/contract';
import type { Result } from '../../../kernel/result';

export interface PanelContextValue {
  token: string;
  client: KioskClient;
  /** The host said the token is gone (inactivity): close the panel. */
  expired(): void;
  /** Hall settings were saved: the app restarts when maintenance closes. */
  settingsChanged(): void;
}

export const PanelContext = createContext<PanelContextValue | null>(null);

export function usePanel(): PanelContextValue {
  const value = useContext(PanelContext);
  if (!value) throw new Error('usePanel outside <TechnicianPanel>');
  return value;
}

type Outcome<T> = Result<T>;

/**
 * Runs a guarded call: closes the panel when maintenance has ended; otherwise returns the result
 * (or a failure made from a rejected call).
 */
export async function guarded<T>(
  panel: PanelContextValue,
  call: () => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  try {
    const result = await call();
    if (!result.ok && result.error.code === 'not_in_maintenance') panel.expired();
    return result;
  } catch (error) {
    return {
      ok: false,
      error: { code: 'rejected', message: error instanceof Error ? error.message : String(error) },
    };
  }
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatTime(iso: string | null, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language === 'zh-Hant' ? 'zh-TW' : 'zh-CN', {
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(new Date(iso));
}
