import type { ReaderBehaviourName } from './reader/profiles';
import type { HidReportLayout } from './transports/hid-reports';
import type { UsbBulkEndpoints } from './transports/usb-bulk';

/** HID report framings seen in public reader code (shared/spec/idcard-sam-protocol.md). */
export const hidProfiles = {
  /** The common case: whole frames with preamble, 64-byte reports, zero-padded. */
  padded: { reportSize: 64, reportId: 0, lengthPrefixed: false },
  /** Count byte (<= 63) first in each 64-byte report, 0xFF acknowledgement reports both ways. */
  'count-byte-ack': { reportSize: 64, reportId: 0, lengthPrefixed: true, ackReports: true },
  /** Frames without the AA AA AA 96 69 preamble, behind a 2-byte big-endian length, padded reports. */
  'no-preamble-length-prefixed': {
    reportSize: 64,
    reportId: 0,
    lengthPrefixed: false,
    preamble: false,
    messageLengthPrefix: true,
  },
} as const satisfies Record<string, HidReportLayout>;

export type HidProfileName = keyof typeof hidProfiles;
export const hidProfileNames = Object.keys(hidProfiles) as HidProfileName[];

/** How a known USB reader model is reached. */
export type ReaderLink =
  | { readonly kind: 'hid'; readonly profile: HidProfileName }
  | { readonly kind: 'usb_bulk'; readonly endpoints: UsbBulkEndpoints };

export interface UsbReaderModel {
  readonly vendorId: number;
  readonly productId: number;
  readonly label: string;
  readonly link: ReaderLink;
  readonly behaviour: ReaderBehaviourName;
  /** Where the facts come from; what was tested here is in docs/idcard.md. */
  readonly source: string;
}

/**
 * Known USB readers by VID/PID. Only ids seen in public code are listed; a reader not listed is
 * configured by hand (idcard.hid / idcard.usb in the kiosk config).
 */
export const usbReaderModels: readonly UsbReaderModel[] = [
  {
    vendorId: 0x0400,
    productId: 0xc35a,
    label: 'desktop SAM reader, vendor-class USB bulk (CVR-100U style)',
    link: { kind: 'usb_bulk', endpoints: { out: 0x02, in: 0x81 } },
    behaviour: 'standard',
    source: 'shared/spec/idcard-sam-protocol.md; AuroraRAS/openiDR200',
  },
  {
    vendorId: 0x0483,
    productId: 0x572b,
    label: 'DK usbNfc HID reader (count byte, 0xFF acknowledgements)',
    link: { kind: 'hid', profile: 'count-byte-ack' },
    behaviour: 'standard',
    source: 'dearhj/FaceRecognitionDemo usbNfc UsbHidManager (VendorId 1155, ProductId 22315)',
  },
];

export function findUsbReaderModel(vendorId: number, productId: number): UsbReaderModel | null {
  return usbReaderModels.find((m) => m.vendorId === vendorId && m.productId === productId) ?? null;
}

/**
 * The HID layout for a device: the named profile; for 'auto', the table's profile for its VID/PID,
 * else the layout given by hand.
 */
export function hidLayoutFor(
  profile: HidProfileName | 'auto',
  vendorId: number,
  productId: number,
  byHand: HidReportLayout,
): { layout: HidReportLayout; profile: HidProfileName | 'custom' } {
  if (profile !== 'auto') return { layout: hidProfiles[profile], profile };
  const model = findUsbReaderModel(vendorId, productId);
  if (model?.link.kind === 'hid')
    return { layout: hidProfiles[model.link.profile], profile: model.link.profile };
  return { layout: byHand, profile: 'custom' };
}
