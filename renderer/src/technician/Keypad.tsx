import { Delete } from 'lucide-react';
import { useTech } from './use-tech';

/** A large numeric keypad for PINs: digits, clear, delete. The PIN itself is never shown. */
export function Keypad({
  value,
  maxLength,
  onChange,
  disabled = false,
}: {
  value: string;
  maxLength: number;
  onChange: (next: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTech();
  const press = (digit: string) => {
    if (value.length < maxLength) onChange(value + digit);
  };
  return (
    <div className="tech-keypad-block">
      <output
        className="tech-pin-dots"
        aria-live="polite"
        aria-label={t('pin.digits', { count: value.length })}
      >
        {Array.from({ length: Math.max(6, value.length) }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed positions
          <span key={i} className={i < value.length ? 'tech-dot is-filled' : 'tech-dot'} />
        ))}
      </output>
      <div className="tech-keypad">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => (
          <button
            key={digit}
            type="button"
            className="tech-key"
            disabled={disabled}
            onClick={() => press(digit)}
          >
            {digit}
          </button>
        ))}
        <button
          type="button"
          className="tech-key tech-key-word"
          disabled={disabled}
          onClick={() => onChange('')}
        >
          {t('pin.clear')}
        </button>
        <button type="button" className="tech-key" disabled={disabled} onClick={() => press('0')}>
          0
        </button>
        <button
          type="button"
          className="tech-key tech-key-word"
          disabled={disabled}
          aria-label={t('pin.backspace')}
          onClick={() => onChange(value.slice(0, -1))}
        >
          <Delete aria-hidden="true" /> {t('pin.backspace')}
        </button>
      </div>
    </div>
  );
}
