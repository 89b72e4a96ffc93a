import type { DocumentLanguage, GreenChannelReason, WaitBand } from './types';

/** The fixed words printed on documents; UI.md's word table is the source for the shared ones. */
interface DocumentWords {
  acceptanceReceipt: string;
  queueNumber: string;
  priorityTicket: string;
  /** One line per green-channel reason printed under the ticket number. */
  priorityExplained: Record<GreenChannelReason, string>;
  goToWindow: (window: string) => string;
  peopleAhead: (count: number) => string;
  /** The label and the band: "预计等候：10 分钟以内". */
  estimatedWait: (band: WaitBand) => string;
  department: string;
  serviceItem: string;
  /** 帮办代办: the principal, and the agent who applied for them. */
  applicant: string;
  agent: string;
  materialsReceived: string;
  noMaterials: string;
  caseNumber: string;
  scanToCheckProgress: string;
  issuedAt: string;
  keepReceipt: string;
  applicationForm: string;
  submittedAt: string;
  applicantSignature: string;
  notSigned: string;
  pageOf: (page: number, pages: number) => string;
  testPage: string;
  testPageLine: string;
  printer: string;
}

const zhHans: DocumentWords = {
  acceptanceReceipt: '受理回执',
  queueNumber: '排队号',
  priorityTicket: '优先',
  priorityExplained: {
    elderly: '您已享受老年人优先服务',
    disability: '您已享受残疾人优先服务',
    veteran: '您已享受退役军人优先服务',
    pregnant: '您已享受孕妇优先服务',
    appointment: '您已享受预约优先服务',
  },
  goToWindow: (w) => `请到 ${w} 号窗口`,
  peopleAhead: (n) => `前面还有 ${n} 人`,
  estimatedWait: (b) =>
    b.maxMinutes === undefined
      ? `预计等候：${b.minMinutes} 分钟以上`
      : b.minMinutes <= 0
        ? `预计等候：${b.maxMinutes} 分钟以内`
        : `预计等候：${b.minMinutes}–${b.maxMinutes} 分钟`,
  department: '部门',
  serviceItem: '事项',
  applicant: '申请人',
  agent: '代办人',
  materialsReceived: '已收材料',
  noMaterials: '无',
  caseNumber: '办件编号',
  scanToCheckProgress: '扫码查询办理进度',
  issuedAt: '时间',
  keepReceipt: '请妥善保管本回执',
  applicationForm: '申请表',
  submittedAt: '提交时间',
  applicantSignature: '申请人签名',
  notSigned: '（未签名）',
  pageOf: (p, n) => `第 ${p} 页 / 共 ${n} 页`,
  testPage: '打印测试页',
  testPageLine: '如能看清本页文字和二维码，打印机工作正常。',
  printer: '打印机',
};

const zhHant: DocumentWords = {
  acceptanceReceipt: '受理回執',
  queueNumber: '排隊號',
  priorityTicket: '優先',
  priorityExplained: {
    elderly: '您已享受老年人優先服務',
    disability: '您已享受殘疾人優先服務',
    veteran: '您已享受退役軍人優先服務',
    pregnant: '您已享受孕婦優先服務',
    appointment: '您已享受預約優先服務',
  },
  goToWindow: (w) => `請到 ${w} 號窗口`,
  peopleAhead: (n) => `前面還有 ${n} 人`,
  estimatedWait: (b) =>
    b.maxMinutes === undefined
      ? `預計等候：${b.minMinutes} 分鐘以上`
      : b.minMinutes <= 0
        ? `預計等候：${b.maxMinutes} 分鐘以內`
        : `預計等候：${b.minMinutes}–${b.maxMinutes} 分鐘`,
  department: '部門',
  serviceItem: '事項',
  applicant: '申請人',
  agent: '代辦人',
  materialsReceived: '已收材料',
  noMaterials: '無',
  caseNumber: '辦件編號',
  scanToCheckProgress: '掃碼查詢辦理進度',
  issuedAt: '時間',
  keepReceipt: '請妥善保管本回執',
  applicationForm: '申請表',
  submittedAt: '提交時間',
  applicantSignature: '申請人簽名',
  notSigned: '（未簽名）',
  pageOf: (p, n) => `第 ${p} 頁 / 共 ${n} 頁`,
  testPage: '打印測試頁',
  testPageLine: '如能看清本頁文字和二維碼，打印機工作正常。',
  printer: '打印機',
};

const english: DocumentWords = {
  acceptanceReceipt: 'Acceptance receipt',
  queueNumber: 'Queue number',
  priorityTicket: 'Priority',
  priorityExplained: {
    elderly: 'Priority service for senior citizens (60+)',
    disability: 'Priority service for people with disabilities',
    veteran: 'Priority service for veterans',
    pregnant: 'Priority service for pregnant women',
    appointment: 'Priority service for appointment holders',
  },
  goToWindow: (w) => `Please go to window ${w}`,
  peopleAhead: (n) => (n === 1 ? '1 person ahead of you' : `${n} people ahead of you`),
  estimatedWait: (b) =>
    b.maxMinutes === undefined
      ? `Estimated wait: over ${b.minMinutes} minutes`
      : b.minMinutes <= 0
        ? `Estimated wait: under ${b.maxMinutes} minutes`
        : `Estimated wait: ${b.minMinutes}–${b.maxMinutes} minutes`,
  department: 'Department',
  serviceItem: 'Service item',
  applicant: 'Applicant',
  agent: 'Applied by',
  materialsReceived: 'Documents received',
  noMaterials: 'None',
  caseNumber: 'Case number',
  scanToCheckProgress: 'Scan to check progress',
  issuedAt: 'Time',
  keepReceipt: 'Please keep this receipt',
  applicationForm: 'Application form',
  submittedAt: 'Submitted',
  applicantSignature: 'Applicant’s signature',
  notSigned: '(not signed)',
  pageOf: (p, n) => `Page ${p} of ${n}`,
  testPage: 'Test page',
  testPageLine: 'If this text and the QR code are clear, the printer works.',
  printer: 'Printer',
};

const byLanguage: Record<DocumentLanguage, DocumentWords> = {
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  en: english,
};

export function documentWords(language: DocumentLanguage): DocumentWords {
  return byLanguage[language];
}

/** "2026-05-14 09:32" in the given zone, independent of the machine's locale and zone. */
export function formatDateTime(at: Date, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
