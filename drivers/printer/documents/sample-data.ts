import sharp from 'sharp';
import type { ApplicationFormData, DocumentLanguage, ReceiptData } from './types';

/**
 * Made-up documents for the CLI's sample print, the technician's test, the approved-image tests and
 * the benchmark. Fixed dates keep renders identical run to run.
 */
const receiptText: Record<
  DocumentLanguage,
  Pick<ReceiptData, 'hallName' | 'departmentName' | 'serviceItemName' | 'materialsReceived'>
> = {
  'zh-Hans': {
    hallName: '南安市政务服务中心',
    departmentName: '市场监督管理局',
    serviceItemName: '个体工商户设立登记',
    materialsReceived: ['居民身份证', '经营场所使用证明', '个体工商户设立登记申请书'],
  },
  'zh-Hant': {
    hallName: '南安市政務服務中心',
    departmentName: '市場監督管理局',
    serviceItemName: '個體工商戶設立登記',
    materialsReceived: ['居民身份證', '經營場所使用證明', '個體工商戶設立登記申請書'],
  },
  en: {
    hallName: 'Nan’an Government Service Center',
    departmentName: 'Market Supervision Bureau',
    serviceItemName: 'Registration of a sole proprietorship',
    materialsReceived: ['Resident ID card', 'Proof of business premises', 'Registration application'],
  },
};

export const SAMPLE_CASE_NUMBER = 'NA20260514-0123';
export const SAMPLE_PROGRESS_URL = `https://zwfw.nanan.example/progress?case=${SAMPLE_CASE_NUMBER}`;

export function sampleReceipt(language: DocumentLanguage): ReceiptData {
  return {
    language,
    ...receiptText[language],
    windowNumber: '5',
    ticketNumber: 'A017',
    peopleAhead: 3,
    waitBand: { minMinutes: 0, maxMinutes: 10 },
    caseNumber: SAMPLE_CASE_NUMBER,
    progressQueryUrl: SAMPLE_PROGRESS_URL,
    issuedAt: new Date('2026-05-14T01:32:00Z'),
    timeZone: 'Asia/Shanghai',
  };
}

const formText: Record<DocumentLanguage, Pick<ApplicationFormData, 'title' | 'sections'>> = {
  'zh-Hans': {
    title: '个体工商户设立登记申请书',
    sections: [
      {
        title: '申请人信息',
        rows: [
          { label: '姓名', value: '陈志明' },
          { label: '公民身份号码', value: '350583199001011234' },
          { label: '联系电话', value: '13800000000' },
          { label: '住址', value: '福建省泉州市南安市溪美街道成功街 88 号' },
        ],
      },
      {
        title: '经营信息',
        rows: [
          { label: '名称', value: '南安市溪美志明五金店' },
          { label: '经营范围', value: '五金产品零售；日用百货销售；家用电器销售。' },
          { label: '经营场所', value: '南安市溪美街道新华街 12 号 1 层' },
          { label: '从业人数', value: '3' },
        ],
      },
    ],
  },
  'zh-Hant': {
    title: '個體工商戶設立登記申請書',
    sections: [
      {
        title: '申請人信息',
        rows: [
          { label: '姓名', value: '陳志明' },
          { label: '公民身份號碼', value: '350583199001011234' },
          { label: '聯繫電話', value: '13800000000' },
          { label: '住址', value: '福建省泉州市南安市溪美街道成功街 88 號' },
        ],
      },
      {
        title: '經營信息',
        rows: [
          { label: '名稱', value: '南安市溪美志明五金店' },
          { label: '經營範圍', value: '五金產品零售；日用百貨銷售；家用電器銷售。' },
          { label: '經營場所', value: '南安市溪美街道新華街 12 號 1 層' },
          { label: '從業人數', value: '3' },
        ],
      },
    ],
  },
  en: {
    title: 'Application for registration of a sole proprietorship',
    sections: [
      {
        title: 'Applicant',
        rows: [
          { label: 'Name', value: 'CHEN Zhiming' },
          { label: 'ID number', value: '350583199001011234' },
          { label: 'Telephone', value: '13800000000' },
          { label: 'Address', value: '88 Chenggong Street, Ximei, Nan’an, Quanzhou, Fujian' },
        ],
      },
      {
        title: 'Business',
        rows: [
          { label: 'Name', value: 'Ximei Zhiming Hardware Store' },
          { label: 'Scope', value: 'Retail of hardware, household goods and home appliances.' },
          { label: 'Premises', value: 'Ground floor, 12 Xinhua Street, Ximei, Nan’an' },
          { label: 'Employees', value: '3' },
        ],
      },
    ],
  },
};

/** A made-up finger signature: a few strokes drawn by sharp from SVG (no fonts involved). */
export function sampleSignaturePng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="160">
    <path d="M20 110 C 60 20, 90 20, 110 100 S 160 150, 190 60 S 250 40, 270 110 C 300 150, 340 30, 380 80 L 450 60"
      fill="none" stroke="#102060" stroke-width="7" stroke-linecap="round"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function sampleApplicationForm(
  language: DocumentLanguage,
  signed = true,
): Promise<ApplicationFormData> {
  return {
    language,
    hallName: receiptText[language].hallName,
    serviceItemName: receiptText[language].serviceItemName,
    caseNumber: SAMPLE_CASE_NUMBER,
    ...formText[language],
    ...(signed ? { signatureImage: await sampleSignaturePng() } : {}),
    submittedAt: new Date('2026-05-14T01:30:00Z'),
    timeZone: 'Asia/Shanghai',
  };
}
