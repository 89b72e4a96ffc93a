import { createContext, useContext } from 'react';
import type { KioskClient } from '../../../host/api/contract';
import type { KioskInfo } from '../../../host/api/kiosk';
import type { KioskTransport } from './client';

export interface KioskContextValue {
  client: KioskClient;
  transport: KioskTransport;
  info: KioskInfo;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKiosk outside <KioskContext.Provider>');
  return value;
}
