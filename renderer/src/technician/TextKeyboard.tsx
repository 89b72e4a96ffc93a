import { useTech } from './use-tech';

export type KeyboardLayout = 'url' | 'code';

const rows: Record<KeyboardLayout, string[][]> = {
  url: [
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
    ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ':'],
    ['z', 'x', 'c', 'v', 'b', 'n', 'm', '.', '-', '/'],
  ],
  code: [
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P'],
    ['A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', '-'],
    ['Z', 'X', 'C', 'V', 'B', 'N', 'M'],
  ],
};

const shortcuts: Record<KeyboardLayout, string[]> = {
  url: ['http://', 'https://', '.cn', ':8080', '_'],
  code: [],
};

/** A small on-screen keyboard for the central URL and the enrolment code (no physical keyboard needed). */
export function TextKeyboard({
  layout,
  value,
  onChange,
  maxLength = 200,
}: {
  layout: KeyboardLayout;
  value: string;
  onChange: (next: string) => void;
  maxLength?: number;
}) {
  const { t } = useTech();
  const type = (text: string) => {
    if (value.length + text.length <= maxLength) onChange(value + text);
  };
  return (
    <div className="tech-text-keyboard" data-layout={layout}>
      {shortcuts[layout].length > 0 ? (
        <div className="tech-kb-row">
          {shortcuts[layout].map((text) => (
            <button key={text} type="button" className="tech-kb-key is-wide" onClick={() => type(text)}>
              {text}
            </button>
          ))}
        </div>
      ) : null}
      {rows[layout].map((row) => (
        <div key={row.join('')} className="tech-kb-row">
          {row.map((key) => (
            <button key={key} type="button" className="tech-kb-key" data-key={key} onClick={() => type(key)}>
              {key}
            </button>
          ))}
        </div>
      ))}
      <div className="tech-kb-row">
        <button type="button" className="tech-kb-key is-wide" onClick={() => onChange('')}>
          {t('keyboard.clear')}
        </button>
        <button type="button" className="tech-kb-key is-wide" onClick={() => onChange(value.slice(0, -1))}>
          {t('keyboard.backspace')}
        </button>
      </div>
    </div>
  );
}
