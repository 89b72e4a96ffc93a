import { useEffect, useRef } from 'react';
import { type KeyboardKind, useKeyboard } from '../keyboard/keyboard-context';

/**
 * A text field typed on the on-screen keyboard (inputMode none: the system keyboard never opens).
 * Whatever is typed is shown as text (React escapes it), isolated for bidi, in a box that scrolls
 * rather than grows.
 */
export function TextInput({
  id,
  label,
  hint,
  value,
  onChange,
  kind,
  multiline = false,
  autoOpen = false,
  invalid = false,
  describedBy,
  required = false,
  labelHidden = false,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  kind: KeyboardKind;
  multiline?: boolean;
  autoOpen?: boolean;
  invalid?: boolean;
  describedBy?: string;
  required?: boolean;
  labelHidden?: boolean;
}) {
  const keyboard = useKeyboard();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const active = keyboard.target?.id === id;
  const open = () => {
    keyboard.open({ id, label, kind, value, onChange, multiline });
    // After the keyboard docks under the content, keep this field in view above it.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => ref.current?.scrollIntoView({ block: 'center' })),
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: keep the open keyboard's copy of the value current
  useEffect(() => {
    if (active && keyboard.target?.value !== value)
      keyboard.open({ id, label, kind, value, onChange, multiline });
  }, [active, value]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on first show
  useEffect(() => {
    if (autoOpen) open();
  }, []);
  // Close the keyboard when this field leaves the screen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on unmount only
  useEffect(() => () => keyboard.closeIf(id), []);
  const hintId = hint ? `${id}-hint` : undefined;
  const common = {
    id,
    ref,
    value,
    inputMode: 'none' as const,
    autoComplete: 'off',
    autoCorrect: 'off',
    spellCheck: false,
    dir: 'auto' as const,
    className: active ? 'text-input is-active' : 'text-input',
    'aria-invalid': invalid || undefined,
    'aria-required': required || undefined,
    'aria-describedby': [hintId, describedBy].filter(Boolean).join(' ') || undefined,
    onFocus: open,
    onClick: () => {
      if (!active) open();
    },
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <div className="text-field">
      <label htmlFor={id} className={labelHidden ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      {multiline ? <textarea {...common} rows={3} /> : <input type="text" {...common} />}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
