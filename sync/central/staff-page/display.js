// Hall calling display: "A023 请到 5 号窗口", refreshed every two seconds. No inline script (strict CSP).
const ticket = document.getElementById('current-ticket');
const windowLabel = document.getElementById('current-window');
const line = document.getElementById('current-line');
const recent = document.getElementById('recent');

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
  } catch {
    line.textContent = '…';
  }
}

refresh();
setInterval(refresh, 2000);
