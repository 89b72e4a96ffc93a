// Window desk: lists every window's serving and waiting tickets, with call next / transfer / no-show.
// No inline script or style (strict CSP); DOM built with textContent only.
// Sign-in: a staff account's username and password buy a session token, kept for this tab only
// (sessionStorage) and sent as a bearer header, so no cookie can be ridden by another site.
import { el } from './page-parts.js';

let token = sessionStorage.getItem('staffSession');
const statusLine = document.getElementById('status');
const container = document.getElementById('windows');
const loginForm = document.getElementById('login');
const loginError = document.getElementById('login-error');
const logoutButton = document.getElementById('logout');

class SignedOut extends Error {}

async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) throw new SignedOut('401');
  if (!response.ok) throw new Error(`${response.status}`);
  return response.json();
}

function showLogin(message) {
  token = null;
  sessionStorage.removeItem('staffSession');
  container.replaceChildren();
  loginForm.hidden = false;
  logoutButton.hidden = true;
  loginError.textContent = message ?? '';
}

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(loginForm);
  const response = await fetch('/v1/staff/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
  });
  if (response.status !== 201) {
    loginError.textContent =
      response.status === 429
        ? '尝试过多，请稍后 Too many attempts, wait a minute'
        : '登录失败 Sign-in failed';
    return;
  }
  const session = await response.json();
  token = session.token;
  sessionStorage.setItem('staffSession', token);
  loginForm.reset();
  loginForm.hidden = true;
  logoutButton.hidden = false;
  await refresh();
});

logoutButton.addEventListener('click', async () => {
  await api('POST', '/v1/staff/session/end').catch(() => undefined);
  showLogin();
});

function ticketLine(ticket, queues) {
  const select = el('select', { 'aria-label': `transfer ${ticket.display}` });
  for (const q of queues)
    if (q.queueId !== ticket.queueId)
      select.append(el('option', { value: q.queueId }, `${q.prefix} · ${q.queueId}`));
  return el(
    'li',
    { 'data-ticket': ticket.display },
    el('span', { class: 'ticket' }, ticket.display),
    ticket.priority ? el('span', { class: 'priority' }, '优先') : '',
    select,
    el(
      'button',
      {
        onclick: () =>
          act('POST', `/v1/staff/tickets/${ticket.ticketId}/transfer`, { queueId: select.value }),
      },
      '转移 Transfer',
    ),
  );
}

function windowCard(window, queues) {
  const serving = window.serving;
  return el(
    'section',
    {
      class: `window${window.open ? '' : ' closed'}`,
      'data-window': window.label,
      'aria-label': `window ${window.label}`,
    },
    el('h2', {}, `${window.label} 号窗口 · ${window.departmentName['zh-Hans'] ?? window.departmentId}`),
    el(
      'div',
      { class: 'serving', 'data-serving': serving ? serving.display : '' },
      serving ? serving.display : '—',
    ),
    el(
      'div',
      { class: 'actions' },
      el(
        'button',
        { class: 'primary', onclick: () => act('POST', `/v1/staff/windows/${window.windowId}/call-next`) },
        '叫下一位 Call next',
      ),
      serving
        ? el(
            'button',
            { onclick: () => act('POST', `/v1/staff/tickets/${serving.ticketId}/no-show`) },
            '过号 No-show',
          )
        : '',
      // The case workflow panel (staff-cases.js) opens the called applicant's case.
      serving?.caseNumber
        ? el(
            'button',
            {
              'data-open-case': serving.caseNumber,
              onclick: () =>
                document.dispatchEvent(new CustomEvent('open-case', { detail: serving.caseNumber })),
            },
            '办理 Handle case',
          )
        : '',
      el(
        'button',
        { onclick: () => act('POST', `/v1/admin/windows/${window.windowId}/open`, { open: !window.open }) },
        window.open ? '暂停 Close' : '开放 Open',
      ),
    ),
    el('p', {}, `等候 Waiting: ${window.waiting.length}`),
    el('ul', { class: 'waiting' }, ...window.waiting.map((t) => ticketLine(t, queues))),
  );
}

async function act(method, path, body) {
  try {
    await api(method, path, body);
    await refresh();
  } catch (error) {
    if (error instanceof SignedOut) return showLogin('会话已结束 Session ended');
    statusLine.textContent = `操作失败 Failed: ${error.message}`;
  }
}

async function refresh() {
  if (!token) return;
  try {
    const overview = await api('GET', '/v1/staff/overview');
    container.replaceChildren(...overview.windows.map((w) => windowCard(w, overview.queues)));
    statusLine.textContent = `${overview.serviceDate} · ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    if (error instanceof SignedOut) return showLogin('会话已结束 Session ended');
    statusLine.textContent = `无法连接 Cannot reach the server (${error.message})`;
  }
}

if (token) {
  logoutButton.hidden = false;
  refresh();
} else showLogin();
setInterval(refresh, 3000);
