/** A023: the queue prefix and the day's sequence, at least three digits. Kiosk, central and printouts agree. */
export function formatTicketDisplay(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(3, '0')}`;
}
