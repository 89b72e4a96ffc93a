/** Why a card on the reader could not be delivered. No personal data, ever. */
export type CardErrorCode =
  /** Select or read answered with a failure status, or did not answer in time. */
  | 'unreadable'
  /** The reply was corrupted on the line (bad checksum or cut short), on every attempt. */
  | 'checksum'
  /** Card and SAM did not authenticate each other (SW3 31/32/33). */
  | 'not_authentic'
  | 'unknown_card_type'
  /** The card's data did not decode (impossible dates, blank ID number). */
  | 'malformed_card_data';

/** The reader's state as the technician sees it. Only changes are logged. */
export type ReaderStatus =
  /** No link to the reader; reopening with backoff. */
  | { readonly state: 'disconnected'; readonly detail: string }
  /** A link, but the reader misbehaves (no answers, SAM fault). */
  | { readonly state: 'error'; readonly detail: string }
  /** Polling; nothing on the reader. */
  | { readonly state: 'no_card' }
  /** A card was found and is being read. */
  | { readonly state: 'reading' }
  /** A card was read and delivered; it is still on the reader. */
  | { readonly state: 'ready' }
  /** A card is on the reader but could not be delivered. */
  | { readonly state: 'card_error'; readonly code: CardErrorCode; readonly detail: string };

export type ReaderState = ReaderStatus['state'];

export function sameStatus(a: ReaderStatus, b: ReaderStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
