/** Inputs of the printable documents: plain data, already localised by the caller where it is free text. */

export type DocumentLanguage = 'zh-Hans' | 'zh-Hant' | 'en';

/** The green-channel groups (the same names as the central protocol's priority reasons). */
export type GreenChannelReason = 'elderly' | 'disability' | 'veteran' | 'pregnant' | 'appointment';

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
  /** Why the green channel applies: each is explained on the receipt ("您已享受老年人优先服务"). */
  readonly priorityReasons?: readonly GreenChannelReason[];
  readonly peopleAhead: number;
  readonly waitBand: WaitBand;
  readonly materialsReceived: readonly string[];
  readonly caseNumber: string;
  /** Encoded in the QR code; the progress-query screen reads it back. */
  readonly progressQueryUrl: string;
  readonly issuedAt: Date;
  /** IANA zone the times are printed in; the hall's zone. */
  readonly timeZone?: string;
  /** 帮办代办: the applicant (the principal, masked) and the agent who applied for them. */
  readonly onBehalf?: { readonly applicantName: string; readonly agentName: string };
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

/** One material on the 一次性告知单. */
export interface GuideNoticeMaterial {
  readonly name: string;
  readonly required: boolean;
  readonly pages: number;
  readonly note?: string;
}

/** The 一次性告知单 of one service item, already in the applicant's language. */
export interface GuideNoticeData {
  readonly language: DocumentLanguage;
  readonly hallName: string;
  readonly itemName: string;
  /** The item's catalogue code: names the print job. */
  readonly itemCode: string;
  readonly departmentName: string;
  /** Floor, zone and windows. */
  readonly place: string;
  readonly conditions: readonly string[];
  readonly materials: readonly GuideNoticeMaterial[];
  readonly fee: string;
  readonly timeLimit: string;
  readonly steps: readonly string[];
  readonly legalBasis: readonly string[];
  readonly printedAt: Date;
  readonly timeZone?: string;
}
