import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../host/api/kiosk';
import { useKiosk } from '../api/kiosk-context';

const languageLabels: Record<Language, string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體', en: 'English' };

/** The three bands of every screen: header, content, and the action bar within reach. */
export function AppFrame({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const { info } = useKiosk();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <div className="frame">
      <header className="frame-header">
        <div className="hall-name">{info.hallName[language]}</div>
        <nav className="language-switch" aria-label="Language">
          {info.languages.map((lng) => (
            <button
              key={lng}
              type="button"
              className={lng === language ? 'lang-button is-current' : 'lang-button'}
              aria-pressed={lng === language}
              lang={lng}
              onClick={() => void i18n.changeLanguage(lng)}
            >
              {languageLabels[lng]}
            </button>
          ))}
        </nav>
        <span className="visually-hidden">{t('app.title')}</span>
      </header>
      <main className="frame-content">{children}</main>
      {actions ? <footer className="action-bar">{actions}</footer> : null}
    </div>
  );
}
