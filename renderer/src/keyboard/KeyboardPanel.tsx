import { ChevronLeft, ChevronRight, Delete, Keyboard as KeyboardIcon } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import indexUrl from '../../generated/pinyin-index.json?url';
import { useSession } from '../session/session-context';
import {
  createPinyinMatcher,
  type PinyinCandidate,
  type PinyinIndex,
  type PinyinMatcher,
} from './pinyin-match';
import type { KeyboardKind, KeyboardTarget } from './types';

type Mode = 'chinese' | 'latin' | 'symbols' | 'digits';

let matcherPromise: Promise<PinyinMatcher> | null = null;
function loadMatcher(): Promise<PinyinMatcher> {
  matcherPromise ??= fetch(indexUrl)
    .then((response) => response.json() as Promise<PinyinIndex>)
    .then(createPinyinMatcher)
    .catch((error: unknown) => {
      matcherPromise = null;
      throw error;
    });
  return matcherPromise;
}

const letters = ['q w e r t y u i o p {bksp}', 'a s d f g h j k l', '{shift} z x c v b n m', '{space}'];
const lettersShift = ['Q W E R T Y U I O P {bksp}', 'A S D F G H J K L', '{shift} Z X C V B N M', '{space}'];
const symbols = [
  '1 2 3 4 5 6 7 8 9 0 {bksp}',
  '- / : ; ( ) @ . , #',
  '_ & ? ! \' " * + = %',
  '， 。 、 （ ） {space}',
];

function digitRows(kind: KeyboardKind): string[] {
  const extra =
    kind === 'idNumber' ? 'X' : kind === 'date' || kind === 'phone' || kind === 'caseNumber' ? '-' : '.';
  return ['1 2 3', '4 5 6', '7 8 9', `${extra} 0 {bksp}`];
}

function initialMode(kind: KeyboardKind): Mode {
  if (kind === 'chinese') return 'chinese';
  if (kind === 'latin') return 'latin';
  return 'digits';
}

/** Dates typed on the keypad as digits: the dashes come by themselves (20240131 -> 2024-01-31). */
function withDateDashes(value: string): string {
  const digits = value.replace(/\D/g, '').slice(0, 8);
  if (digits.length <= 4) return digits;
  if (digits.length <= 6) return `${digits.slice(0, 4)}-${digits.slice(4)}`;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`;
}

export default function KeyboardPanel({ target, onClose }: { target: KeyboardTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const { state } = useSession();
  const elderly = state.context.prefs.elderly;
  const [mode, setMode] = useState<Mode>(() => initialMode(target.kind));
  const [shift, setShift] = useState(false);
  const [pinyin, setPinyin] = useState('');
  const [matcher, setMatcher] = useState<PinyinMatcher | null>(null);
  const [candidatePage, setCandidatePage] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new field starts in its own keyboard
  useEffect(() => {
    setMode(initialMode(target.kind));
    setPinyin('');
  }, [target.id]);

  useEffect(() => {
    if (mode !== 'chinese' || matcher) return;
    let cancelled = false;
    void loadMatcher().then(
      (loaded) => !cancelled && setMatcher(loaded),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [mode, matcher]);

  const candidates: PinyinCandidate[] = useMemo(
    () => (matcher && pinyin ? matcher.lookup(pinyin, 60) : []),
    [matcher, pinyin],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: new letters show the best candidates first
  useEffect(() => setCandidatePage(0), [pinyin]);
  const perPage = elderly ? 5 : 9;
  const pageCount = Math.max(1, Math.ceil(candidates.length / perPage));
  const shownCandidates = candidates.slice(candidatePage * perPage, candidatePage * perPage + perPage);

  const insert = (text: string) => {
    const next = target.value + text;
    target.onChange(target.kind === 'date' ? withDateDashes(next) : next);
  };
  const backspace = () => {
    if (pinyin) {
      setPinyin(pinyin.slice(0, -1));
      return;
    }
    const characters = [...target.value];
    characters.pop();
    target.onChange(characters.join(''));
  };
  const choose = (candidate: PinyinCandidate) => {
    insert(candidate.text);
    setPinyin(pinyin.slice(candidate.consumed));
  };

  const onKeyPress = (button: string) => {
    if (button === '{bksp}') return backspace();
    if (button === '{shift}') return setShift(!shift);
    if (button === '{space}') {
      if (mode === 'chinese' && pinyin) {
        const first = candidates[0];
        if (first) choose(first);
        else {
          insert(pinyin);
          setPinyin('');
        }
        return;
      }
      return insert(' ');
    }
    if (mode === 'chinese' && /^[a-z]$/i.test(button)) {
      setPinyin(pinyin + button.toLowerCase());
      return;
    }
    insert(button);
  };

  const switchMode = (next: Mode) => {
    if (pinyin) {
      insert(pinyin);
      setPinyin('');
    }
    setMode(next);
  };

  const display = {
    '{bksp}': `⌫ ${t('keyboard.backspace')}`,
    '{space}': t('keyboard.space'),
    '{shift}': `⇧ ${t('keyboard.shift')}`,
  };
  const layout =
    mode === 'digits'
      ? digitRows(target.kind)
      : mode === 'symbols'
        ? symbols
        : shift && mode === 'latin'
          ? lettersShift
          : letters;

  const modes: Mode[] =
    target.kind === 'chinese' || target.kind === 'latin'
      ? ['chinese', 'latin', 'digits', 'symbols']
      : target.kind === 'digits'
        ? ['digits', 'latin', 'chinese']
        : target.kind === 'caseNumber'
          ? ['digits', 'latin']
          : ['digits'];

  return (
    <div className={`keyboard-panel mode-${mode}`} data-testid="keyboard" data-kind={target.kind}>
      <div className="keyboard-top">
        <span className="keyboard-field">
          <KeyboardIcon aria-hidden="true" />
          {t('keyboard.typing', { field: target.label })}
        </span>
        {modes.length > 1 ? (
          <div className="keyboard-modes">
            {modes.map((candidate) => (
              <button
                key={candidate}
                type="button"
                className={candidate === mode ? 'mode-button is-current' : 'mode-button'}
                aria-pressed={candidate === mode}
                onClick={() => switchMode(candidate)}
                data-keyboard-mode={candidate}
              >
                {t(`keyboard.${candidate}`)}
              </button>
            ))}
          </div>
        ) : null}
        <button type="button" className="mode-button" onClick={() => target.onChange('')}>
          <Delete aria-hidden="true" />
          {t('keyboard.clear')}
        </button>
        <button
          type="button"
          className="mode-button done-button"
          onClick={() => {
            if (pinyin) insert(pinyin);
            setPinyin('');
            onClose();
          }}
          data-testid="keyboard-done"
        >
          {t('keyboard.done')}
        </button>
      </div>
      {mode === 'chinese' ? (
        <div className="candidate-bar">
          <span className="visually-hidden">{t('keyboard.candidates')}</span>
          <span className="pinyin-buffer" data-testid="pinyin-buffer">
            {pinyin ? t('keyboard.morePinyin', { pinyin }) : ' '}
          </span>
          <button
            type="button"
            className="candidate-page"
            disabled={candidatePage === 0}
            onClick={() => setCandidatePage(candidatePage - 1)}
          >
            <ChevronLeft aria-hidden="true" />
            {t('keyboard.prevCandidates')}
          </button>
          <div className="candidates">
            {shownCandidates.map((candidate) => (
              <button
                key={`${candidate.text}-${candidate.consumed}`}
                type="button"
                className="candidate"
                onClick={() => choose(candidate)}
                data-candidate={candidate.text}
              >
                {candidate.text}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="candidate-page"
            disabled={candidatePage >= pageCount - 1}
            onClick={() => setCandidatePage(candidatePage + 1)}
          >
            {t('keyboard.nextCandidates')}
            <ChevronRight aria-hidden="true" />
          </button>
        </div>
      ) : null}
      <Keyboard
        layout={{ default: layout }}
        layoutName="default"
        display={display}
        mergeDisplay
        onKeyPress={onKeyPress}
        disableButtonHold
        preventMouseDownDefault
        theme={`hg-theme-default kiosk-keys keys-${mode}`}
      />
    </div>
  );
}
