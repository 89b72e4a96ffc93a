// Hall calling display: "A023 请到 5 号窗口", refreshed every two seconds, each new call also spoken in
// Mandarin ("请 A023 号到 5 号窗口办理") where the browser has speech synthesis. No inline script (strict CSP).
const ticket = document.getElementById('current-ticket');
const windowLabel = document.getElementById('current-window');
const line = document.getElementById('current-line');
const recent = document.getElementById('recent');

/** Calls already on the board when the display opened are not announced again; later ones once each. */
let announced = new Set();
let firstRefresh = true;

function callKey(call) {
  return `${call.calledAtMs}/${call.display}/${call.windowLabel}`;
}

function speak(call) {
  if (!('speechSynthesis' in window) || typeof SpeechSynthesisUtterance !== 'function') return;
  const utterance = new SpeechSynthesisUtterance(`请 ${call.display} 号到 ${call.windowLabel} 号窗口办理`);
  utterance.lang = 'zh-CN';
  utterance.rate = 0.9;
  const voice = window.speechSynthesis.getVoices().find((v) => v.lang.replace('_', '-').startsWith('zh-CN'));
  if (voice) utterance.voice = voice;
  window.speechSynthesis.speak(utterance);
}

function announce(calls) {
  // Newest first on the wire; spoken oldest first, as they were called.
  const fresh = calls.filter((c) => !announced.has(callKey(c))).reverse();
  if (!firstRefresh) for (const call of fresh) speak(call);
  // Only what is on the board can come again: the set stays as small as the list.
  announced = new Set(calls.map(callKey));
  firstRefresh = false;
}

async function refresh() {
  try {
    const response = await fetch('/v1/display/calls', { headers: { accept: 'application/json' } });
    const { calls } = await response.json();
    const [latest, ...earlier] = calls;
    ticket.textContent = latest ? latest.display : '—';
    windowLabel.textContent = latest ? latest.windowLabel : '—';
    line.textContent = latest ? `${latest.display} 请到 ${latest.windowLabel} 号窗口` : '';
    recent.replaceChildren(
      ...earlier.map((c) => {
        const item = document.createElement('li');
        item.textContent = `${c.display} → ${c.windowLabel} 号窗口`;
        return item;
      }),
    );
    announce(calls);
  } catch {
    line.textContent = '…';
  }
}

refresh();
setInterval(refresh, 2000);
