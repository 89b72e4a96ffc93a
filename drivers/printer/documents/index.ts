export { renderApplicationFormPdf } from './application-form';
export { documentFontPath, documentFonts } from './fonts';
export { guideNoticeWords, renderGuideNoticePdf } from './guide-notice';
export { qrModules } from './pdf-document';
export { renderReceiptPdf } from './receipt';
export {
  SAMPLE_CASE_NUMBER,
  SAMPLE_PROGRESS_URL,
  sampleApplicationForm,
  sampleReceipt,
  sampleSignaturePng,
} from './sample-data';
export { renderTestPagePdf } from './test-page';
export type {
  ApplicationFormData,
  DocumentLanguage,
  FormRow,
  FormSection,
  GuideNoticeData,
  GuideNoticeMaterial,
  PaperSize,
  ReceiptData,
  TestPageData,
  WaitBand,
} from './types';
export { documentWords, formatDateTime } from './words';
