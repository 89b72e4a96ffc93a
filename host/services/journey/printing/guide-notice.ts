import { err, ok } from '../../../../kernel/result';
import type { HostApi, MethodArgs } from '../../../api/contract';
import type { JourneyContext } from '../journey-context';

/**
 * Prints the item's 一次性告知单 on the receipt printer, from its service guide and materials: no
 * personal data is on it, but it is printed only within a session (a kiosk does not print on its own).
 */
export async function printGuideNotice(
  journey: JourneyContext,
  { sessionId, itemId, language }: MethodArgs<'printGuideNotice'>,
): ReturnType<HostApi['printGuideNotice']> {
  const session = journey.session(sessionId);
  if (!session.ok) return session;
  const { runtime } = session.value;
  const view = journey.catalogueOf(runtime);
  const item = view.item(itemId);
  if (!item) return err('unknown_item', 'That service item is not offered here.');
  const department = view.department(item.departmentId);
  const windows = item.windowNumbers.join(' / ');
  const place = department
    ? `${department.location[language]} · ${windowsWords[language](windows)}`
    : windowsWords[language](windows);
  const guide = item.guide;
  const printed = await journey.host.printer.printGuideNotice({
    language,
    hallName: journey.host.config.hall.name[language],
    itemName: item.name[language],
    itemCode: item.code,
    departmentName: department?.name[language] ?? '',
    place,
    conditions: guide?.conditions.map((line) => line[language]) ?? [],
    materials: item.materials.map((material) => ({
      name: material.name[language],
      required: material.required,
      pages: material.pages,
      ...(material.note ? { note: material.note[language] } : {}),
    })),
    fee: guide?.fee[language] ?? '-',
    timeLimit: guide?.timeLimit[language] ?? timeLimitWords[language](item.timeLimitDays),
    steps: guide?.steps.map((line) => line[language]) ?? [],
    legalBasis: guide?.legalBasis.map((line) => line[language]) ?? [],
    printedAt: new Date(journey.now()),
    timeZone: runtime.enrolment.hall.timeZone,
  });
  if (printed.ok) return ok({});
  journey.host.logger.warn({ code: printed.error.code, itemId }, 'guide notice not printed');
  return err('printer_unavailable', 'The receipt printer cannot print the notice now.');
}

const windowsWords = {
  'zh-Hans': (w: string) => `${w} 号窗口`,
  'zh-Hant': (w: string) => `${w} 號窗口`,
  en: (w: string) => `window ${w}`,
} as const;

/** When a catalogue has no guide for the item: the time limit from its number of days. */
const timeLimitWords = {
  'zh-Hans': (d: number) => (d === 0 ? '即办件' : `${d} 个工作日`),
  'zh-Hant': (d: number) => (d === 0 ? '即辦件' : `${d} 個工作日`),
  en: (d: number) => (d === 0 ? 'On the spot' : `${d} working days`),
} as const;
