// The supervisor's board: yellow and red cards per department and window, the cases behind them, and
// the 差评 awaiting follow-up. Its route needs the supervision permission (the supervisor role): any
// other account is refused by the server (403) and shown so; nothing is shown without a session.
// No inline script or style (strict CSP); textContent only.
import { el, reasonText, zh } from './page-parts.js';

let token = sessionStorage.getItem('supervisorSession');
const statusLine = document.getElementById('status');
const board = document.getElementById('board');
const loginForm = document.getElementById('login');
const loginError = document.getElementById('login-error');
const logoutButton = document.getElementById('logout');

function showLogin(message) {
  token = null;
  sessionStorage.removeItem('supervisorSession');
  board.replaceChildren();
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
    loginError.textContent = '登录失败 Sign-in failed';
    return;
  }
  token = (await response.json()).token;
  sessionStorage.setItem('supervisorSession', token);
  loginForm.reset();
  loginForm.hidden = true;
  logoutButton.hidden = false;
  await refresh();
});

logoutButton.addEventListener('click', async () => {
  await fetch('/v1/staff/session/end', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  showLogin();
});

function render(data) {
  const counts = el(
    'table',
    { class: 'card-counts', 'aria-label': 'cards per department and window' },
    el(
      'tr',
      {},
      el('th', {}, '部门 Department'),
      el('th', {}, '窗口 Window'),
      el('th', {}, '黄牌'),
      el('th', {}, '红牌'),
    ),
    ...data.counts.map((c) =>
      el(
        'tr',
        { 'data-department': c.departmentId, 'data-window': c.windowLabel ?? '' },
        el('td', {}, zh(c.departmentName)),
        el('td', {}, c.windowLabel ?? '未叫号'),
        el('td', { class: 'yellow', 'data-count': 'yellow' }, String(c.yellow)),
        el('td', { class: 'red', 'data-count': 'red' }, String(c.red)),
      ),
    ),
  );
  const carded = data.cases.filter((c) => c.card !== 'none');
  const cases = el(
    'ul',
    { class: 'open-cases' },
    ...carded.map((c) =>
      el(
        'li',
        { 'data-case': c.caseNumber, 'data-card': c.card, class: `card-${c.card}` },
        `${c.caseNumber} · ${c.windowLabel ?? '未叫号'} · 时限 ${c.deadlineDate} · 剩 ${c.workingDaysLeft} 个工作日 `,
        // A 一件事 part: the bundle it belongs to, so a late part is seen holding up the whole bundle.
        c.partOf ? `一件事: ${zh(c.partOf.bundleName)} (${c.partOf.part}/${c.partOf.of}) ` : '',
        el('span', { class: `card ${c.card}` }, c.card === 'red' ? '红牌' : '黄牌'),
      ),
    ),
  );
  const ratings = el(
    'ul',
    { class: 'flagged-ratings' },
    ...data.flaggedRatings.map((r) =>
      el(
        'li',
        { 'data-rating': r.caseNumber },
        `${r.caseNumber} · ${r.grade}星 · ${r.reasons.map(reasonText).join('、')}${r.comment ? ` · “${r.comment}”` : ''}`,
      ),
    ),
  );
  board.replaceChildren(
    el('h2', {}, '黄牌与红牌 Cards'),
    counts,
    cases,
    el('h2', {}, '差评待回访 Bad ratings awaiting follow-up'),
    ratings,
  );
}

async function refresh() {
  if (!token) return;
  const response = await fetch('/v1/supervision/board', {
    headers: { accept: 'application/json', authorization: `Bearer ${token}` },
  });
  if (response.status === 401) return showLogin('会话已结束 Session ended');
  if (response.status === 403) {
    board.replaceChildren();
    statusLine.textContent = '此账号无监察权限 This account may not supervise';
    return;
  }
  if (!response.ok) {
    statusLine.textContent = `无法载入 Cannot load (${response.status})`;
    return;
  }
  render(await response.json());
  statusLine.textContent = new Date().toLocaleTimeString();
}

if (token) {
  loginForm.hidden = true;
  logoutButton.hidden = false;
  refresh();
} else showLogin();
setInterval(refresh, 3000);
