import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createKioskClient, defaultTransport } from './api/client';
import { KioskContext } from './api/kiosk-context';
import { initI18n } from './i18n/i18n';
import { setHallTimeZone } from './ui/format';
import './styles/kiosk.css';

async function boot() {
  const transport = defaultTransport();
  const client = createKioskClient(transport);
  const root = createRoot(document.getElementById('root')!);
  const info = await client.getKioskInfo({});
  if (!info.ok) throw new Error('getKioskInfo failed');
  initI18n(info.value.defaultLanguage);
  setHallTimeZone(info.value.timeZone);
  root.render(
    <StrictMode>
      <KioskContext.Provider value={{ client, transport, info: info.value }}>
        <App />
      </KioskContext.Provider>
    </StrictMode>,
  );
}

// No text selection, no context menu, no pinch or ctrl-wheel zoom on a public touchscreen.
document.addEventListener('contextmenu', (event) => event.preventDefault());
document.addEventListener('wheel', (event) => event.ctrlKey && event.preventDefault(), { passive: false });
document.addEventListener('gesturestart', (event) => event.preventDefault());
// The kiosk is one page: no link, form or script may take the applicant elsewhere. (The Electron
// shell also denies navigation in main; this keeps browser mode just as closed.)
document.addEventListener(
  'click',
  (event) => {
    const anchor = (event.target as Element | null)?.closest?.('a[href]');
    if (anchor) event.preventDefault();
  },
  true,
);
document.addEventListener('submit', (event) => event.preventDefault(), true);
window.open = () => null;
// Press feedback at touch-start, before the click lands: colour and a slight scale (see kiosk.css).
document.addEventListener(
  'pointerdown',
  (event) => {
    const pressed = (event.target as Element | null)?.closest?.('button, .hg-button');
    pressed?.classList.add('is-pressed');
  },
  { capture: true, passive: true },
);
const release = () => {
  for (const element of document.querySelectorAll('.is-pressed')) element.classList.remove('is-pressed');
};
document.addEventListener('pointerup', release, { capture: true, passive: true });
document.addEventListener('pointercancel', release, { capture: true, passive: true });

boot().catch(() => {
  const message = document.createElement('p');
  message.className = 'fatal';
  message.textContent =
    '系统暂时无法使用，请到咨询台寻求帮助 / The kiosk is unavailable. Please ask at the help desk.';
  document.body.replaceChildren(message);
});
