/** Small rules the central server and the kiosk share about tickets, dates and request identity. */

/** A023: the queue prefix and the daily sequence, at least three digits. */
export function formatTicketDisplay(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(3, '0')}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in the hall's time zone. */
export function serviceDateOf(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(epochMs));
}

/** JSON with object keys sorted: the same value always gives the same text (request hashing). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
