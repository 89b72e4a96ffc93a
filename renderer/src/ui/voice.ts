import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../host/api/kiosk';
import { useSession } from '../session/session-context';
import { locales } from './format';

const speechLanguages: Record<Language, string[]> = {
  'zh-Hans': ['zh-CN', 'zh'],
  'zh-Hant': ['zh-TW', 'zh-HK', 'zh'],
  en: ['en-GB', 'en-US', 'en'],
};

function pickVoice(language: Language): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  const voices = speechSynthesis.getVoices();
  for (const wanted of speechLanguages[language]) {
    const voice = voices.find((candidate) => candidate.lang.replace('_', '-').startsWith(wanted));
    if (voice) return voice;
  }
  return null;
}

/** Says the screen's title and its one instruction, in the screen's words, when elderly mode is on. */
export function speak(words: string, language: Language): void {
  if (typeof speechSynthesis === 'undefined') return;
  const voice = pickVoice(language);
  if (!voice) return;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(words);
  utterance.voice = voice;
  utterance.lang = voice.lang || locales[language];
  utterance.rate = 0.9;
  speechSynthesis.speak(utterance);
}

export function stopSpeaking(): void {
  if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
}

export function useVoice(title: string, instruction: string | undefined): void {
  const { state } = useSession();
  const { i18n } = useTranslation();
  const elderly = state.context.prefs.elderly;
  const language = i18n.language as Language;
  useEffect(() => {
    if (!elderly) return;
    speak(instruction ? `${title}。${instruction}` : title, language);
    return stopSpeaking;
  }, [elderly, title, instruction, language]);
}
