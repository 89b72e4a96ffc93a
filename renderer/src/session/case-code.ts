/** The case number in what a receipt's QR code says: the URL's `case` parameter, or its last path part. */
export function caseNumberFromCode(text: string): string | null {
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed);
    const fromQuery = url.searchParams.get('case') ?? url.searchParams.get('caseNumber');
    if (fromQuery) return fromQuery;
    const last = url.pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : null;
  } catch {
    return /^[A-Za-z0-9-]{4,40}$/.test(trimmed) ? trimmed : null;
  }
}
