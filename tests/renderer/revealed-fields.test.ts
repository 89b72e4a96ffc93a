import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { MethodValue } from '../../host/api/contract';
import { createApplyMachine } from '../../renderer/src/session/apply-machine';
import { autofill } from '../../sync/forms/autofill';
import type { ServiceItem } from '../../sync/protocol/catalogue';
import { sampleCatalogue } from '../../sync/sample-hall/catalogue';
import { samplePeople, sampleReferenceDate } from '../../sync/sample-hall/people';

/**
 * Issue 13: "A store-bound field hidden when the form opens is never filled when it appears (mailing
 * address after choosing 邮寄 ...)". The store's value must fill it the moment the answer reveals it.
 */
const today = sampleReferenceDate;
const catalogue = sampleCatalogue();
const form = catalogue.forms.find((entry) =>
  entry.sections.some((section) => section.fields.some((field) => field.id === 'mailingAddress')),
)!;
const item = catalogue.items.find((entry) => entry.formId === form.id)! as ServiceItem;
const person = samplePeople(400).find((entry) => entry.profile?.addresses.mailing)!;
const mailing = person.profile!.addresses.mailing!;

describe('a field revealed by an answer takes what the store holds', () => {
  it('autofill keeps the hidden mailing address for when it appears', () => {
    const filled = autofill({
      form,
      identity: person.identity,
      profile: person.profile,
      itemId: item.id,
      today,
    });
    expect(filled.values.mailingAddress).toBeUndefined();
    expect(filled.whenShown.mailingAddress).toEqual({ value: mailing, provenance: 'store' });
  });

  it('choosing 邮寄 on the form fills the mailing address from the store, and a typed one is kept', async () => {
    const filled = autofill({
      form,
      identity: person.identity,
      profile: person.profile,
      itemId: item.id,
      today,
    });
    const prepared: MethodValue<'prepareApplication'> = {
      itemId: item.id,
      form,
      values: filled.values,
      provenance: filled.provenance,
      missingFields: filled.missingFields,
      whenShown: filled.whenShown,
      reusableMaterials: [],
      consent: null,
      card: person.identity,
    };
    const actor = createActor(
      createApplyMachine(
        {
          prepareApplication: async () => ({ ok: true, value: prepared }),
          getPrinterStatus: async () => ({ ok: true, value: { ready: true, state: 'ready' } }),
          submitApplication: async () => {
            throw new Error('not in this test');
          },
        },
        1000,
      ),
      { input: { sessionId: 'session-1' } },
    ).start();
    actor.send({ type: 'SELECT_ITEM', item });
    actor.send({ type: 'START_ITEM' });
    await new Promise<void>((resolve) => {
      const sub = actor.subscribe((snapshot) => {
        if (snapshot.matches('fillingForm')) {
          sub.unsubscribe();
          resolve();
        }
      });
    });
    actor.send({ type: 'SET_VALUE', fieldId: 'pickup', value: 'post' });
    expect(actor.getSnapshot().context.values.mailingAddress).toBe(mailing);
    expect(actor.getSnapshot().context.provenance.mailingAddress).toBe('store');

    // Back to collecting, then post again: what the applicant typed meanwhile is theirs.
    actor.send({ type: 'SET_VALUE', fieldId: 'mailingAddress', value: '福建省南安市溪美街道新华街8号' });
    actor.send({ type: 'SET_VALUE', fieldId: 'pickup', value: 'collect' });
    actor.send({ type: 'SET_VALUE', fieldId: 'pickup', value: 'post' });
    expect(actor.getSnapshot().context.values.mailingAddress).toBe('福建省南安市溪美街道新华街8号');
    actor.stop();
  });
});
