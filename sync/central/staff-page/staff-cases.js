// The window's case workflow on the desk page: open the called applicant's case (or one by number),
// see its form, materials and every step, and take the next step: 受理, 补正 (naming the missing
// materials), 办结 (with the result) or 不予受理 (with the reason). Below it, the open cases under their
// departments with their deadline cards (a 一件事 part marked with its bundle) and the 差评 awaiting
// follow-up. A bundle case's file lists its parts; each part is stepped at its own department. The
// server's transition table decides; a refused step shows the server's own message. No inline script or style (strict CSP); textContent only.
import { el, reasonText, zh } from './page-parts.js';

const panel = document.getElementById('cases');
const openForm = document.getElementById('case-open');
const fileView = document.getElementById('case-file');
const boardView = document.getElementById('case-board');
const errorLine = document.getElementById('case-error');

const stageWords = {
  received: '已收件 Received',
  accepted: '已受理 Accepted',
  supplement_requested: '待补正 Awaiting supplement',
  supplement_submitted: '补正已提交 Supplement submitted',
  finished: '已办结 Finished',
  rejected: '不予受理 Rejected',
};
const actionWords = {
  accept: '受理',
  request_supplement: '补正',
  submit_supplement: '提交补正材料',
  finish: '办结',
  reject: '不予受理',
};
const cardWords = { yellow: '黄牌 Yellow card', red: '红牌 Red card', none: '' };
// 帮办代办: how the principal was identified when someone applied on their behalf (never the agent's number).
const agentBasisWords = {
  principal_card: '持申请人本人身份证代办',
  power_of_attorney: '凭授权委托书代办',
  guardian: '监护人代办（户籍登记）',
};

/** "一件事: <bundle name> (n/N)", opening the bundle case (a part case's mark on the list and in its file). */
function bundleMark(partOf) {
  return el(
    'button',
    {
      type: 'button',
      class: 'bundle-mark',
      'data-bundle-case': partOf.caseNumber,
      onclick: () => showCase(partOf.caseNumber),
    },
    `一件事: ${zh(partOf.bundleName)} (${partOf.part}/${partOf.of})`,
  );
}

let openCase = null;

class Refused extends Error {}

/** The session token staff.js keeps for this tab; every call carries it. */
async function call(method, path, body) {
  const token = sessionStorage.getItem('staffSession');
  if (!token) throw new Refused('请先登录 Sign in first');
  const headers = { accept: 'application/json', authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const answer = await response.json().catch(() => null);
    throw new Refused(answer?.error?.message ?? `${response.status}`);
  }
  return response;
}

// The kiosk sends reason keys (renderer badRating.reasons / rating.reasons); shown here in words.
const when = (ms) => new Date(ms).toLocaleString('zh-CN', { hour12: false });
const shown = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

async function showCase(caseNumber) {
  errorLine.textContent = '';
  try {
    const answer = await (await call('GET', `/v1/staff/cases/${encodeURIComponent(caseNumber)}`)).json();
    openCase = answer.case;
    renderCase(openCase);
  } catch (error) {
    fileView.replaceChildren();
    errorLine.textContent = `无法打开 Cannot open: ${error.message}`;
  }
}

async function step(body) {
  errorLine.textContent = '';
  try {
    const answer = await (
      await call('POST', `/v1/staff/cases/${encodeURIComponent(openCase.caseNumber)}/steps`, body)
    ).json();
    openCase = answer.case;
    renderCase(openCase);
    await refreshBoard();
  } catch (error) {
    errorLine.textContent = `未能办理 Refused: ${error.message}`;
  }
}

/** A page's bytes need the bearer header, so they come as a blob URL (CSP img-src allows blob:). */
async function pageImage(material) {
  const img = el('img', { alt: `${material.materialId} p${material.page}`, class: 'page' });
  try {
    const bytes = await (await call('GET', `/v1/staff/materials/${material.sha256}`)).blob();
    img.src = URL.createObjectURL(new Blob([bytes], { type: material.mediaType }));
  } catch {
    img.alt = `${material.materialId} p${material.page} (无法载入 not available)`;
  }
  return img;
}

function renderCase(file) {
  const names = new Map(file.requiredMaterials.map((m) => [m.materialId, zh(m.name)]));
  const materialName = (id) => names.get(id) ?? id;
  const form = el(
    'dl',
    { class: 'form-values' },
    ...Object.entries(file.formValues).flatMap(([key, value]) => [
      el('dt', {}, key),
      el('dd', {}, shown(value)),
    ]),
  );
  const materials = el('ul', { class: 'materials' });
  for (const m of file.materials) {
    const item = el(
      'li',
      { 'data-material': m.materialId, 'data-supplement': String(m.supplement) },
      `${materialName(m.materialId)} · 第${m.page}页${m.supplement ? ' · 补正' : ''}`,
    );
    materials.append(item);
    pageImage(m).then((img) => item.append(img));
  }
  const steps = el(
    'ol',
    { class: 'steps', 'aria-label': 'case steps' },
    ...file.steps.map((s) =>
      el(
        'li',
        { 'data-action': s.action },
        `${when(s.atMs)} · ${actionWords[s.action]} · ${s.username ?? `自助终端 kiosk ${s.kioskId}`}` +
          (s.missingItems
            ? ` · 缺: ${s.missingItems.map((m) => materialName(m.materialId) + (m.note ? `（${m.note}）` : '')).join('、')}`
            : '') +
          (s.result ? ` · 结果: ${s.result}` : '') +
          (s.reason ? ` · 理由: ${s.reason}` : ''),
      ),
    ),
  );
  const missing = el(
    'fieldset',
    { class: 'missing' },
    el('legend', {}, '缺少的材料 Missing items'),
    ...file.requiredMaterials.map((m) =>
      el(
        'label',
        {},
        el('input', { type: 'checkbox', name: 'missing', value: m.materialId }),
        ` ${zh(m.name)} `,
        el('input', {
          type: 'text',
          name: `note-${m.materialId}`,
          placeholder: '说明 note',
          maxlength: '100',
        }),
      ),
    ),
  );
  const result = el('input', {
    type: 'text',
    name: 'result',
    'aria-label': '办结结果 result',
    maxlength: '200',
  });
  const reason = el('input', {
    type: 'text',
    name: 'reason',
    'aria-label': '不予受理理由 reason',
    maxlength: '200',
  });
  const actions = el(
    'div',
    { class: 'case-actions' },
    el(
      'button',
      { type: 'button', 'data-step': 'accept', onclick: () => step({ action: 'accept' }) },
      '受理 Accept',
    ),
    missing,
    el(
      'button',
      {
        type: 'button',
        'data-step': 'request_supplement',
        onclick: () => {
          const chosen = [...missing.querySelectorAll('input[name=missing]:checked')].map((box) => {
            const note = missing.querySelector(`input[name="note-${box.value}"]`).value.trim();
            return note ? { materialId: box.value, note } : { materialId: box.value };
          });
          if (chosen.length === 0) {
            errorLine.textContent = '请勾选缺少的材料 Tick the missing items';
            return;
          }
          step({ action: 'request_supplement', missingItems: chosen });
        },
      },
      '补正 Return for supplement',
    ),
    el('label', {}, '结果 Result ', result),
    el(
      'button',
      {
        type: 'button',
        'data-step': 'finish',
        onclick: () => step({ action: 'finish', result: result.value }),
      },
      '办结 Finish',
    ),
    el('label', {}, '理由 Reason ', reason),
    el(
      'button',
      {
        type: 'button',
        'data-step': 'reject',
        onclick: () => step({ action: 'reject', reason: reason.value }),
      },
      '不予受理 Reject',
    ),
  );
  // A bundle case takes no steps itself: its parts are listed, each opened and stepped at its department.
  const isBundle = Array.isArray(file.parts) && file.parts.length > 0;
  const parts = isBundle
    ? el(
        'ol',
        { class: 'bundle-parts', 'aria-label': '一件事 parts' },
        ...file.parts.map((part) =>
          el(
            'li',
            {
              'data-testid': 'bundle-file-part',
              'data-case-number': part.caseNumber,
              'data-department-id': part.departmentId,
              'data-stage': part.stage,
            },
            el('button', { type: 'button', onclick: () => showCase(part.caseNumber) }, part.caseNumber),
            ` ${zh(part.itemName)} · ${zh(part.departmentName)} · ${stageWords[part.stage] ?? part.stage}`,
          ),
        ),
      )
    : '';
  fileView.replaceChildren(
    el(
      'article',
      { class: 'case', 'data-case': file.caseNumber, 'data-stage': isBundle ? 'bundle' : file.stage },
      el('h3', {}, `${file.caseNumber} · ${zh(file.itemName)}`),
      isBundle
        ? el('p', { class: 'stage' }, `一件事 · ${file.parts.length} 个事项，各部门分别办理`)
        : el('p', { class: 'stage', 'data-stage': file.stage }, stageWords[file.stage] ?? file.stage),
      file.partOf ? el('p', { class: 'part-of' }, bundleMark(file.partOf)) : '',
      file.agent
        ? el(
            'p',
            { class: 'agent', 'data-testid': 'case-agent', 'data-agent-basis': file.agent.basis },
            `代办人：${agentBasisWords[file.agent.basis] ?? file.agent.basis}`,
          )
        : '',
      isBundle ? el('h4', {}, '分办事项 Parts') : '',
      parts,
      file.missingItems.length > 0
        ? el(
            'p',
            { class: 'missing-now' },
            `待补: ${file.missingItems.map((m) => materialName(m.materialId)).join('、')}`,
          )
        : '',
      el('h4', {}, '表单 Form'),
      form,
      el('h4', {}, '材料 Materials'),
      materials,
      el('h4', {}, '办理记录 Steps'),
      steps,
      isBundle ? '' : actions,
    ),
  );
}

function renderBoard(board) {
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
    ...board.counts.map((c) =>
      el(
        'tr',
        { 'data-department': c.departmentId, 'data-window': c.windowLabel ?? '' },
        el('td', {}, zh(c.departmentName)),
        el('td', {}, c.windowLabel ?? '—'),
        el('td', { class: 'yellow' }, String(c.yellow)),
        el('td', { class: 'red' }, String(c.red)),
      ),
    ),
  );
  // Under their departments (the most urgent department first); a 一件事 part carries its bundle's mark.
  const byDepartment = new Map();
  for (const c of board.cases) {
    if (!byDepartment.has(c.departmentId)) byDepartment.set(c.departmentId, []);
    byDepartment.get(c.departmentId).push(c);
  }
  const caseRow = (c) =>
    el(
      'li',
      {
        'data-case': c.caseNumber,
        'data-card': c.card,
        'data-stage': c.stage,
        class: `card-${c.card}`,
        ...(c.partOf
          ? {
              'data-testid': 'bundle-part',
              'data-case-number': c.caseNumber,
              'data-department-id': c.departmentId,
              'data-bundle-case': c.partOf.caseNumber,
            }
          : {}),
      },
      el('button', { type: 'button', onclick: () => showCase(c.caseNumber) }, c.caseNumber),
      ` ${stageWords[c.stage] ?? c.stage} · 时限 ${c.deadlineDate} · 剩 ${c.workingDaysLeft} 个工作日 `,
      c.partOf ? bundleMark(c.partOf) : '',
      c.card !== 'none' ? el('span', { class: `card ${c.card}` }, cardWords[c.card]) : '',
    );
  const cases = el(
    'div',
    { class: 'open-cases-by-department' },
    ...[...byDepartment].map(([departmentId, list]) =>
      el(
        'section',
        { class: 'department-cases', 'data-department': departmentId },
        el('h4', {}, zh(list[0].departmentName) || departmentId),
        el('ul', { class: 'open-cases' }, ...list.map(caseRow)),
      ),
    ),
  );
  const ratings = el(
    'ul',
    { class: 'flagged-ratings', 'aria-label': 'bad ratings awaiting follow-up' },
    ...board.flaggedRatings.map((r) =>
      el(
        'li',
        { 'data-rating': r.caseNumber },
        `${r.caseNumber} · ${r.grade}星 · ${r.reasons.map(reasonText).join('、')}${r.comment ? ` · “${r.comment}”` : ''} `,
        el(
          'button',
          {
            type: 'button',
            'data-follow-up': r.caseNumber,
            onclick: async () => {
              try {
                await call('POST', `/v1/staff/ratings/${encodeURIComponent(r.caseNumber)}/follow-up`, {});
                await refreshBoard();
              } catch (error) {
                errorLine.textContent = `未能标记 Failed: ${error.message}`;
              }
            },
          },
          '已回访 Followed up',
        ),
      ),
    ),
  );
  boardView.replaceChildren(
    el('h3', {}, '时限预警 Deadline cards'),
    counts,
    cases,
    el('h3', {}, '差评待回访 Bad ratings to follow up'),
    ratings,
  );
}

async function refreshBoard() {
  if (!sessionStorage.getItem('staffSession')) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  try {
    renderBoard(await (await call('GET', '/v1/staff/cases')).json());
    // The open case moves on elsewhere too (a supplement from a kiosk): re-shown when its stage changes,
    // not on every poll, so what the staff member is typing stays.
    if (openCase) {
      const fresh = (
        await (await call('GET', `/v1/staff/cases/${encodeURIComponent(openCase.caseNumber)}`)).json()
      ).case;
      // A bundle case's own stage never moves: its parts' stages do.
      if (fresh.stage !== openCase.stage || JSON.stringify(fresh.parts) !== JSON.stringify(openCase.parts)) {
        openCase = fresh;
        renderCase(fresh);
      }
    }
  } catch (error) {
    boardView.textContent = `无法载入 Cannot load: ${error.message}`;
  }
}

openForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const caseNumber = new FormData(openForm).get('caseNumber').trim().toUpperCase();
  if (caseNumber) showCase(caseNumber);
});
document.addEventListener('open-case', (event) => showCase(event.detail));

refreshBoard();
setInterval(refreshBoard, 3000);
