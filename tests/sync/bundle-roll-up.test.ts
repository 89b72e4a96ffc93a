/**
 * The pure rules of 一件事 on the central side (sync/central/bundle-cases.ts): how the bundle case's
 * status rolls up from its parts, and when a bundle submission cannot be split.
 */
import { describe, expect, it } from 'vitest';
import { type PartState, planBundleParts, rolledUpStatus } from '../../sync/central/bundle-cases';
import { emptyHallModel } from '../../sync/central/sqlite/catalogue';
import { bundle, bundleHallCatalogue, bundleSubmission } from './support/bundle-hall';

const received: PartState = { status: 'received', stage: 'received' };
const accepted: PartState = { status: 'in_progress', stage: 'accepted' };
const atSupplement: PartState = { status: 'in_progress', stage: 'supplement_requested' };
const done: PartState = { status: 'done', stage: 'finished' };
const refused: PartState = { status: 'rejected', stage: 'rejected' };

function hall() {
  const model = emptyHallModel();
  for (const item of bundleHallCatalogue.items) model.items.set(item.id, item);
  for (const form of bundleHallCatalogue.forms) model.forms.set(form.id, form);
  return model;
}

describe('the bundle case’s status from its parts', () => {
  it.each([
    ['received while no part has moved', [received, received, received], 'received'],
    ['in progress once one part is accepted', [accepted, received, received], 'in_progress'],
    ['in progress while one part waits for a supplement', [done, atSupplement], 'in_progress'],
    ['in progress while a refused part’s siblings are open', [refused, received, accepted], 'in_progress'],
    ['in progress until the last part is done', [done, done, accepted], 'in_progress'],
    ['done only when every part is done', [done, done, done], 'done'],
    ['rejected when all are closed and one was refused', [done, refused, done], 'rejected'],
    ['rejected when every part was refused', [refused, refused], 'rejected'],
  ] as const)('%s', (_, parts, status) => {
    expect(rolledUpStatus(parts)).toBe(status);
  });
});

describe('splitting a bundle submission', () => {
  it('numbers the parts <case number>-<n> in the bundle’s order', () => {
    const planned = planBundleParts(bundleSubmission('2612080001042428'), bundle, hall());
    expect(planned.ok && planned.value.map((p) => [p.index, p.payload.caseNumber, p.payload.itemId])).toEqual(
      [
        [1, '2612080001042428-1', 'shop-licence'],
        [2, '2612080001042428-2', 'tax-registration'],
        [3, '2612080001042428-3', 'social-insurance-account'],
      ],
    );
  });

  it('refuses a number too long to number its parts, and a bundle whose form is missing here', () => {
    const long = `K001-${'A'.repeat(35)}`;
    const tooLong = planBundleParts(bundleSubmission(long), bundle, hall());
    expect(tooLong.ok).toBe(false);
    expect(!tooLong.ok && tooLong.error.message).toMatch(/too long/);
    const withoutForm = hall();
    withoutForm.forms.delete('tax-registration-form');
    const missing = planBundleParts(bundleSubmission('2612080001042428'), bundle, withoutForm);
    expect(!missing.ok && missing.error.message).toMatch(/tax-registration/);
  });
});
