/** Inputs of the printable documents: plain data, already localised by the caller where it is free text. */

export type DocumentLanguage = 'zh-Hans' | 'zh-Hant' | 'en';

/** 80mm: a thermal roll (the page is as long as its content); a4: an office printer. */
export type PaperSize = '80mm' | 'a4';

/** The expected wait as a band, never a promise of minutes. maxMinutes undefined = "over minMinutes". */
export interface WaitBand {
  readonly minMinutes: number;
  readonly maxMinutes?: number;
}

export interface ReceiptData {
  readonly language: DocumentLanguage;
  readonly hallName: string;
  readonly departmentName: string;
  /** The window's number as shown above it, e.g. "5" or "12B". */
  readonly windowNumber: string;
  readonly serviceItemName: string;
  /** Queue prefix and daily sequence, e.g. "A001". */
  readonly ticketNumber: string;
  /** Green-channel ticket (elderly, disabled, appointment ...). */
  readonly priority?: boolean;
  readonly peopleAhead: number;
  readonly waitBand: WaitBand;
  readonly materialsReceived: readonly string[];
  readonly caseNumber: string;
  /** Encoded in the QR code; the progress-query screen reads it back. */
  readonly progressQueryUrl: string;
  readonly issuedAt: Date;
  /** IANA zone the times are printed in; the hall's zone. */
  readonly timeZone?: string;
}

export interface FormRow {
  readonly label: string;
  readonly value: string;
}

export interface FormSection {
  readonly title: string;
  readonly rows: readonly FormRow[];
}

export interface ApplicationFormData {
  readonly language: DocumentLanguage;
  readonly hallName: string;
  /** The form's title, e.g. "个体工商户设立登记申请表". */
  readonly title: string;
  readonly serviceItemName: string;
  readonly caseNumber?: string;
  readonly sections: readonly FormSection[];
  /** PNG or JPEG of the finger signature. */
  readonly signatureImage?: Uint8Array;
  readonly submittedAt: Date;
  readonly timeZone?: string;
}

export interface TestPageData {
  readonly language: DocumentLanguage;
  readonly printerName: string;
  readonly printedAt: Date;
  readonly timeZone?: string;
}
