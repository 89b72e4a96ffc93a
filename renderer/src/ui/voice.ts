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
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(words);
  // A voice of the screen's language when the device has one; otherwise the language tag alone lets
  // the engine choose (voices often load late, and a silent screen helps nobody).
  const voice = pickVoice(language);
  if (voice) utterance.voice = voice;
  utterance.lang = voice?.lang || locales[language];
  utterance.rate = 0.9;
  speechSynthesis.speak(utterance);
}

/** The screen's title and its one instruction as one utterance, joined as the language writes it. */
export function spokenPrompt(title: string, instruction: string | undefined, language: Language): string {
  if (!instruction) return title;
  return language === 'en' ? `${title}. ${instruction}` : `${title}。${instruction}`;
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
    speak(spokenPrompt(title, instruction, language), language);
    return stopSpeaking;
  }, [elderly, title, instruction, language]);
}
