import { ChevronLeft, ChevronRight, Delete, Keyboard as KeyboardIcon } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import { groupTypedCaseNumber } from '../../../kernel/case-number';
import templatesUrl from '../../generated/handwriting-templates.json?url';
import lexiconUrl from '../../generated/ime-lexicon.txt?url';
import { useCatalogue } from '../api/catalogue';
import { useKiosk } from '../api/kiosk-context';
import { catalogueWords } from '../ime/catalogue-words';
import { chooseCandidate, commitComposition } from '../ime/composition';
import { createImeEngine, type ImeCandidate, type ImeEngine } from '../ime/engine';
import {
  createHandwritingRecogniser,
  type HandwritingRecogniser,
  type HandwritingTemplates,
  type Stroke,
} from '../ime/handwriting';
import { parseLexicon } from '../ime/lexicon';
import { useSession } from '../session/session-context';
import { candidatePages } from './candidate-pages';
import { HandwritingPad } from './HandwritingPad';
import type { KeyboardKind, KeyboardTarget } from './types';

type Mode = 'chinese' | 'handwriting' | 'latin' | 'symbols' | 'digits';

// The lexicon (about 1 MB gzip) loads on first use of the Chinese keyboard, never on the first screen.
let enginePromise: Promise<ImeEngine> | null = null;
function loadEngine(): Promise<ImeEngine> {
  enginePromise ??= fetch(lexiconUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`pinyin lexicon: HTTP ${response.status}`);
      return response.text();
    })
    .then((text) => createImeEngine(parseLexicon(text)))
    .catch((error: unknown) => {
      enginePromise = null;
      throw error;
    });
  return enginePromise;
}

/** Catalogues whose item names an engine has learnt (the lexicon only knows the build's). */
const learntCatalogues = new WeakMap<ImeEngine, string>();

// The handwriting templates (about 0.6 MB gzip) load on first use of the writing pad.
let recogniserPromise: Promise<HandwritingRecogniser> | null = null;
function loadRecogniser(): Promise<HandwritingRecogniser> {
  recogniserPromise ??= fetch(templatesUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`handwriting templates: HTTP ${response.status}`);
      return response.json() as Promise<HandwritingTemplates>;
    })
    .then(createHandwritingRecogniser)
    .catch((error: unknown) => {
      recogniserPromise = null;
      throw error;
    });
  return recogniserPromise;
}

/** Chinese: digits and an apostrophe join the pinyin being composed (zhongshanlu8hao -> 中山路8号). */
const chineseKeys = [
  '1 2 3 4 5 6 7 8 9 0',
  'q w e r t y u i o p {bksp}',
  "a s d f g h j k l '",
  'z x c v b n m',
  '{space}',
];
const letters = ['q w e r t y u i o p {bksp}', 'a s d f g h j k l', '{shift} z x c v b n m', '{space}'];
const lettersShift = ['Q W E R T Y U I O P {bksp}', 'A S D F G H J K L', '{shift} Z X C V B N M', '{space}'];
const symbols = [
  '1 2 3 4 5 6 7 8 9 0 {bksp}',
  '- / : ; ( ) @ . , #',
  '_ & ? ! \' " * + = %',
  '， 。 、 （ ） {space}',
];

function digitRows(kind: KeyboardKind): string[] {
  // Case numbers are digits only (kernel/case-number.ts): no extra key to mistype.
  if (kind === 'caseNumber') return ['1 2 3', '4 5 6', '7 8 9', '0 {bksp}'];
  const extra = kind === 'idNumber' ? 'X' : kind === 'date' || kind === 'phone' ? '-' : '.';
  return ['1 2 3', '4 5 6', '7 8 9', `${extra} 0 {bksp}`];
}

/** Case numbers keep their printed grouping while typed (2612 0700 0148 3927). */
function shapedValue(kind: KeyboardKind, value: string): string {
  if (kind === 'date') return withDateDashes(value);
  if (kind === 'caseNumber') return groupTypedCaseNumber(value);
  return value;
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
  const { info } = useKiosk();
  const fuzzy = info.pinyinFuzzy;
  const elderly = state.context.prefs.elderly;
  const [mode, setMode] = useState<Mode>(() => initialMode(target.kind));
  const [shift, setShift] = useState(false);
  const [pinyin, setPinyin] = useState('');
  const [engine, setEngine] = useState<ImeEngine | null>(null);
  const [recogniser, setRecogniser] = useState<HandwritingRecogniser | null>(null);
  const [strokes, setStrokes] = useState<readonly Stroke[]>([]);
  const [candidatePage, setCandidatePage] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new field starts in its own keyboard
  useEffect(() => {
    setMode(initialMode(target.kind));
    setPinyin('');
    setStrokes([]);
  }, [target.id]);

  useEffect(() => {
    if (mode !== 'handwriting' || recogniser) return;
    let cancelled = false;
    void loadRecogniser().then(
      (loaded) => !cancelled && setRecogniser(loaded),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [mode, recogniser]);

  useEffect(() => {
    if (mode !== 'chinese' || engine) return;
    let cancelled = false;
    void loadEngine().then(
      (loaded) => !cancelled && setEngine(loaded),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [mode, engine]);

  // The live catalogue's item names, once per catalogue version: new items type as phrases at once.
  const catalogue = useCatalogue();
  const liveCatalogue = catalogue.status === 'ready' ? catalogue.catalogue : null;
  useEffect(() => {
    if (!engine || !liveCatalogue || learntCatalogues.get(engine) === liveCatalogue.version) return;
    engine.addWords(catalogueWords(liveCatalogue.items));
    learntCatalogues.set(engine, liveCatalogue.version);
  }, [engine, liveCatalogue]);

  const before = target.value;
  const candidates: ImeCandidate[] = useMemo(() => {
    if (mode === 'handwriting') {
      // Candidates after every stroke; choosing one uses no letters.
      return recogniser && strokes.length > 0
        ? recogniser.recognise(strokes, 20).map((text) => ({ text, consumed: 0 }))
        : [];
    }
    return engine && pinyin ? engine.candidates(pinyin, { fuzzy, limit: 60, before }) : [];
  }, [mode, recogniser, strokes, engine, pinyin, fuzzy, before]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new letters show the best candidates first
  useEffect(() => setCandidatePage(0), [pinyin, strokes]);
  const pages = useMemo(
    () => (elderly ? candidatePages(candidates, 5, 14) : candidatePages(candidates, 9, 22)),
    [candidates, elderly],
  );
  const pageCount = Math.max(1, pages.length);
  const shownCandidates = pages[candidatePage] ?? [];

  const insert = (text: string) => {
    target.onChange(shapedValue(target.kind, target.value + text));
  };
  const backspace = () => {
    if (pinyin) {
      setPinyin(pinyin.slice(0, -1));
      return;
    }
    const characters = [...target.value];
    characters.pop();
    target.onChange(
      target.kind === 'caseNumber' ? shapedValue(target.kind, characters.join('')) : characters.join(''),
    );
  };
  const choose = (candidate: ImeCandidate) => {
    if (mode === 'handwriting') {
      insert(candidate.text);
      setStrokes([]);
      return;
    }
    const step = chooseCandidate(pinyin, candidate);
    insert(step.insert);
    setPinyin(step.pinyin);
  };
  /** Leaving the composition (another mode, 完成): its best reading, never the raw letters. */
  const commit = () => {
    const step = commitComposition(engine, pinyin, { fuzzy, before });
    if (step.insert) insert(step.insert);
    setPinyin(step.pinyin);
  };

  const onKeyPress = (button: string) => {
    if (button === '{bksp}') return backspace();
    if (button === '{shift}') return setShift(!shift);
    if (button === '{space}') {
      if (mode === 'chinese' && pinyin) {
        const first = candidates[0];
        if (first) choose(first);
        else commit();
        return;
      }
      return insert(' ');
    }
    if (mode === 'chinese' && (/^[a-z]$/i.test(button) || (pinyin && /^[0-9']$/.test(button)))) {
      setPinyin(pinyin + button.toLowerCase());
      return;
    }
    if (mode === 'chinese') commit();
    insert(button);
  };

  const switchMode = (next: Mode) => {
    commit();
    setStrokes([]);
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
        : mode === 'chinese'
          ? chineseKeys
          : shift
            ? lettersShift
            : letters;

  const modes: Mode[] =
    target.kind === 'chinese' || target.kind === 'latin'
      ? ['chinese', 'handwriting', 'latin', 'digits', 'symbols']
      : target.kind === 'digits'
        ? ['digits', 'latin', 'chinese']
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
        <button
          type="button"
          className="mode-button"
          onClick={() => {
            setPinyin('');
            target.onChange('');
          }}
        >
          <Delete aria-hidden="true" />
          {t('keyboard.clear')}
        </button>
        <button
          type="button"
          className="mode-button done-button"
          onClick={() => {
            commit();
            onClose();
          }}
          data-testid="keyboard-done"
        >
          {t('keyboard.done')}
        </button>
      </div>
      {mode === 'chinese' || mode === 'handwriting' ? (
        <div className="candidate-bar">
          <span className="visually-hidden">{t('keyboard.candidates')}</span>
          <span className="pinyin-buffer" data-testid="pinyin-buffer">
            {mode === 'chinese' && pinyin ? t('keyboard.morePinyin', { pinyin }) : ' '}
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
                lang="zh-Hans"
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
      {mode === 'handwriting' ? (
        <div className="handwriting-row">
          <HandwritingPad
            strokes={strokes}
            onStroke={(stroke) => setStrokes([...strokes, stroke])}
            onUndo={() => setStrokes(strokes.slice(0, -1))}
            onClear={() => setStrokes([])}
          />
          <button
            type="button"
            className="mode-button"
            onClick={backspace}
            data-testid="handwriting-backspace"
          >
            <Delete aria-hidden="true" />
            {t('keyboard.backspace')}
          </button>
        </div>
      ) : (
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
      )}
    </div>
  );
}
