import type { IdentifiedBy } from '../../api/cardless';

/*
 * What a session may reach, by how its person was identified (issue 15 part 2):
 *
 *   card   the card was read: everything.
 *   sms    ID number + name + a one-time code to the phone the form-free store holds: the store's
 *          form data and its archived document copies (the code proves the phone on record).
 *   qr     a provincial app / electronic ID QR code verified by the central system: form data from the
 *          store, but no archived document copies (nobody proved the phone on record; the copies are
 *          the most sensitive things the store keeps). Materials are captured afresh.
 *   typed  startManualSession (an ID number typed, nothing checked; kept for compatibility): nothing
 *          from the form-free store at all, no archived copies, no list of the person's cases.
 */

/** The person's form-free record may fill the form. */
export function mayUseFormFreeStore(by: IdentifiedBy): boolean {
  return by !== 'typed';
}

/** Archived document copies may be shown and re-used. */
export function mayReuseArchivedMaterials(by: IdentifiedBy): boolean {
  return by === 'card' || by === 'sms';
}
