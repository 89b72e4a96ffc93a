// 呼叫工作人员: applicants' help requests (kiosk, time, screen; nothing personal), newest call waits
// longest at the top. A separate script beside staff.js: it shares only the signed-in session token.
const panel = document.getElementById('help-requests');
const list = document.getElementById('help-request-list');

function text(tag, value, className) {
  const node = document.createElement(tag);
  node.textContent = value;
  if (className) node.className = className;
  return node;
}

function clock(ms) {
  return new Date(ms).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

async function call(method, path) {
  const token = sessionStorage.getItem('staffSession');
  if (!token) return null;
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', authorization: `Bearer ${token}` },
  });
  return response.ok ? response.json() : null;
}

async function refreshHelp() {
  const answer = await call('GET', '/v1/staff/help-requests').catch(() => null);
  if (!answer) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const rows = answer.requests.map((request) => {
    const row = document.createElement('li');
    row.className = 'help-request';
    row.dataset.requestId = request.requestId;
    row.append(
      text('strong', request.kioskName),
      text('span', ` ${clock(request.requestedAtMs)} · `),
      text('span', `画面 Screen: ${request.screen}`),
    );
    const button = text('button', '已派人 On my way', 'primary');
    button.type = 'button';
    button.addEventListener('click', async () => {
      button.disabled = true;
      await call('POST', `/v1/staff/help-requests/${encodeURIComponent(request.requestId)}/answer`).catch(
        () => undefined,
      );
      await refreshHelp();
    });
    row.append(button);
    return row;
  });
  if (rows.length === 0) list.replaceChildren(text('li', '没有求助 No one is asking for help', 'help-none'));
  else list.replaceChildren(...rows);
}

void refreshHelp();
setInterval(() => void refreshHelp(), 3000);
