import { describe, expect, it } from 'vitest';
import { fieldStates, formFields } from '../../sync/protocol/forms';
import { materialRequirementsFor } from '../../sync/protocol/item-materials';
import { sampleCatalogue } from '../../sync/sample-hall/catalogue';

/**
 * Issue 13: "scjg-yxgs-bg requires a power of attorney for an employee or agent and rs-cxjm-yl a
 * disability certificate for that group, but neither document is in the item's material list, so the
 * screen never asks for it and the host rejects." The materials asked for now follow the answers.
 */
const catalogue = sampleCatalogue();
const itemOf = (id: string) => catalogue.items.find((item) => item.id === id)!;
const formOf = (id: string) => catalogue.forms.find((form) => form.id === itemOf(id).formId)!;
const codes = (id: string, values: Record<string, unknown>) =>
  materialRequirementsFor(itemOf(id).materials, formOf(id), values).map((requirement) => ({
    code: requirement.code,
    required: requirement.required,
  }));

describe('documents that follow the form’s answers', () => {
  it('makes a document the list calls optional required once a shown file field requires it (归侨: proof of return)', () => {
    expect(codes('qw-gqqj', { status: 'returned' })).toContainEqual({
      code: 'RETURN_SETTLEMENT_PROOF',
      required: true,
    });
    expect(codes('qw-gqqj', { status: 'relative' })).toContainEqual({
      code: 'RETURN_SETTLEMENT_PROOF',
      required: false,
    });
  });

  it('asks an employee or agent changing a company for a power of attorney, and a legal representative not', () => {
    expect(codes('scjg-yxgs-bg', { role: 'employee' })).toContainEqual({
      code: 'POWER_OF_ATTORNEY',
      required: true,
    });
    expect(codes('scjg-yxgs-bg', { role: 'agent' })).toContainEqual({
      code: 'POWER_OF_ATTORNEY',
      required: true,
    });
    expect(codes('scjg-yxgs-bg', { role: 'legalRepresentative' }).map((entry) => entry.code)).not.toContain(
      'POWER_OF_ATTORNEY',
    );
  });

  it('asks a severely disabled pension applicant for the disability certificate, which may be re-used', () => {
    const requirements = materialRequirementsFor(itemOf('rs-cxjm-yl').materials, formOf('rs-cxjm-yl'), {
      specialGroup: 'disabled',
    });
    expect(requirements.find((entry) => entry.code === 'DISABILITY_ASSESSMENT')).toMatchObject({
      required: true,
      reusable: true,
    });
    expect(codes('rs-cxjm-yl', { specialGroup: 'none' }).map((entry) => entry.code)).not.toContain(
      'DISABILITY_ASSESSMENT',
    );
  });

  it('on every form, a shown file field’s document is among those asked for, with the same need', () => {
    for (const item of catalogue.items.filter((entry) => entry.formId)) {
      const form = catalogue.forms.find((entry) => entry.id === item.formId)!;
      const files = formFields(form).filter((field) => field.type === 'file');
      for (const file of files) {
        if (file.type !== 'file') continue;
        // Answer every choice each way and check the file field's document whenever it shows.
        const choices = formFields(form).filter((field) => field.type === 'choice');
        const answers: Record<string, unknown>[] = [{}];
        for (const choice of choices)
          if (choice.type === 'choice')
            for (const option of choice.options) answers.push({ [choice.id]: option.value });
        for (const values of answers) {
          const state = fieldStates(form, values).get(file.id)!;
          const asked = materialRequirementsFor(item.materials, form, values);
          if (state.visible)
            expect(
              asked.some((requirement) => requirement.code === file.materialCode),
              `${item.id}: ${file.materialCode} for ${JSON.stringify(values)}`,
            ).toBe(true);
        }
      }
    }
  });
});
