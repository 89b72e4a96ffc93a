import {
  createContext,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useContext,
  useMemo,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyboardTarget } from './types';

export type { KeyboardKind, KeyboardTarget } from './types';

interface KeyboardContextValue {
  target: KeyboardTarget | null;
  open: (target: KeyboardTarget) => void;
  close: () => void;
  /** Close only if this field is the one being typed into. */
  closeIf: (id: string) => void;
}

const KeyboardContext = createContext<KeyboardContextValue | null>(null);

export function KeyboardProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<KeyboardTarget | null>(null);
  const open = useCallback((next: KeyboardTarget) => setTarget(next), []);
  const close = useCallback(() => setTarget(null), []);
  const closeIf = useCallback(
    (id: string) => setTarget((current) => (current?.id === id ? null : current)),
    [],
  );
  const value = useMemo(() => ({ target, open, close, closeIf }), [target, open, close, closeIf]);
  return <KeyboardContext.Provider value={value}>{children}</KeyboardContext.Provider>;
}

export function useKeyboard(): KeyboardContextValue {
  const value = useContext(KeyboardContext);
  if (!value) throw new Error('useKeyboard outside <KeyboardProvider>');
  return value;
}

// The keyboard and its pinyin index load only when a field is first focused (not on the first screen).
const KeyboardPanel = lazy(() => import('./KeyboardPanel'));

/** Docked between the content and the action bar, so it never covers the field being typed into. */
export function KeyboardSlot() {
  const { target, close } = useKeyboard();
  const { t } = useTranslation();
  if (!target) return null;
  return (
    <section className="keyboard-dock" aria-label={t('keyboard.typing', { field: target.label })}>
      <Suspense
        fallback={
          <p className="status-words" role="status">
            {t('keyboard.loading')}
          </p>
        }
      >
        <KeyboardPanel target={target} onClose={close} />
      </Suspense>
    </section>
  );
}
