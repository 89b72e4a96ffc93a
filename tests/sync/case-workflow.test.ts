/**
 * The transition table of the window's case workflow, and the seam that writes a finished case's life
 * event to the person's record (one real rule: 结婚登记 -> married, with the spouse).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEnvelopeCipher } from '../../sync/central/at-rest-cipher';
import { planStaffStep, planSupplement } from '../../sync/central/case-steps';
import { personRecordUpdates, recordLifeEvent } from '../../sync/central/life-events';
import { SqliteCentralStorage } from '../../sync/central/sqlite/sqlite-central-storage';
import {
  type CaseAction,
  type CaseStage,
  caseActionSchema,
  caseStageSchema,
  caseStatusOfStage,
  caseTransitions,
  nextCaseStage,
} from '../../sync/protocol/case-workflow';
import { emptyProfile } from '../../sync/protocol/profile';
import { keyedHashOf, tempDir } from './support/kiosk-harness';

const stages = caseStageSchema.options;
const actions = caseActionSchema.options;

/** The table as the issue states it, written out pair by pair. */
const allowed: ReadonlyArray<[CaseStage, CaseAction, CaseStage]> = [
  ['received', 'accept', 'accepted'],
  ['received', 'request_supplement', 'supplement_requested'],
  ['received', 'reject', 'rejected'],
  ['accepted', 'request_supplement', 'supplement_requested'],
  ['accepted', 'finish', 'finished'],
  ['accepted', 'reject', 'rejected'],
  ['supplement_requested', 'submit_supplement', 'supplement_submitted'],
  ['supplement_requested', 'reject', 'rejected'],
  ['supplement_submitted', 'accept', 'accepted'],
  ['supplement_submitted', 'request_supplement', 'supplement_requested'],
  ['supplement_submitted', 'finish', 'finished'],
  ['supplement_submitted', 'reject', 'rejected'],
];

describe('case transition table', () => {
  it('allows exactly the listed steps and refuses every other pair with both named', () => {
    for (const stage of stages) {
      for (const action of actions) {
        const expected = allowed.find(([s, a]) => s === stage && a === action)?.[2];
        const next = nextCaseStage(stage, action);
        if (expected) expect(next).toEqual({ ok: true, value: expected });
        else {
          expect(next.ok).toBe(false);
          expect(next.ok || next.error.message).toContain(`(${stage})`);
          expect(next.ok || next.error.message).toContain(`(${action})`);
        }
      }
    }
    expect(Object.values(caseTransitions).flatMap((row) => Object.keys(row))).toHaveLength(allowed.length);
  });

  it('办结 and 不予受理 are final; the coarse status follows the stage', () => {
    expect(caseTransitions.finished).toEqual({});
    expect(caseTransitions.rejected).toEqual({});
    expect(stages.map(caseStatusOfStage)).toEqual([
      'received',
      'in_progress',
      'in_progress',
      'in_progress',
      'done',
      'rejected',
    ]);
  });

  it('a 补正 must name materials of the item, each once', () => {
    const materials = new Set(['ID_COPY', 'PHOTO']);
    const ask = (ids: string[]) =>
      planStaffStep(
        'accepted',
        { action: 'request_supplement', missingItems: ids.map((materialId) => ({ materialId })) },
        materials,
        5,
      );
    expect(ask(['PHOTO'])).toMatchObject({ ok: true, value: { to: 'supplement_requested' } });
    expect(ask(['LEASE'])).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(ask(['PHOTO', 'PHOTO'])).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('a supplement must bring every asked-for item and nothing else, from the applicant', () => {
    const page = (materialId: string) => ({
      materialId,
      page: 1,
      sha256: 'a'.repeat(64),
      mediaType: 'image/jpeg',
    });
    const payload = (ids: string[], who = 'me') => ({
      caseNumber: 'K001-ABCDEF',
      applicant: { keyedHash: keyedHashOf(who) },
      materials: ids.map(page),
      submittedAtMs: 1,
    });
    const asked = [{ materialId: 'ID_COPY' }, { materialId: 'PHOTO' }];
    const plan = (ids: string[], who?: string, stage: CaseStage = 'supplement_requested') =>
      planSupplement(stage, keyedHashOf('me'), asked, payload(ids, who), 9);
    expect(plan(['ID_COPY', 'PHOTO'])).toMatchObject({ ok: true, value: { to: 'supplement_submitted' } });
    expect(plan(['ID_COPY'])).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(plan(['ID_COPY', 'PHOTO', 'LEASE'])).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(plan(['ID_COPY', 'PHOTO'], 'other')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(plan(['ID_COPY', 'PHOTO'], 'me', 'accepted')).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});

describe('caseFinished -> person record updates', () => {
  const finished = (itemId: string) => ({
    caseNumber: 'K001-ABCDEF',
    itemId,
    applicantKeyedHash: keyedHashOf('bride'),
    formValues: { partnerName: ' 李四 ', partnerIdNumber: '110101199003070011', partnerNation: '汉' },
    finishedAtMs: Date.parse('2026-03-02T02:00:00Z'),
  });

  it('结婚登记 sets married and the spouse; an item without a rule changes nothing', () => {
    expect(personRecordUpdates(finished('mz-jhdj'))).toEqual([
      { path: 'maritalStatus', value: 'married' },
      { path: 'spouse.name', value: '李四' },
      { path: 'spouse.idNumber', value: '110101199003070011' },
    ]);
    expect(personRecordUpdates(finished('business-licence'))).toEqual([]);
  });

  it('writes a new version of a kept record, and makes none for a person without one', async () => {
    const storage = new SqliteCentralStorage(tempDir('life-events'), {
      cipher: createEnvelopeCipher(randomBytes(32)),
    });
    try {
      const keyedHash = keyedHashOf('bride');
      const profile = emptyProfile(
        { storeProfile: true, keepMaterials: false, consentedAt: '2026-03-01T09:00:00+08:00' },
        '2026-03-01T09:00:00+08:00',
      );
      await storage.putStoreRecord({
        keyedHash,
        profile: { ...profile, maritalStatus: 'single' },
        materials: [],
        updatedAtMs: 1,
      });
      expect(await recordLifeEvent(storage, finished('mz-jhdj'))).toBe(3);
      const record = await storage.getStoreRecord(keyedHash);
      expect(record?.profile.maritalStatus).toBe('married');
      expect(record?.profile.spouse).toEqual({ name: '李四', idNumber: '110101199003070011' });
      expect((await storage.storeRecordVersions(keyedHash)).map((v) => v.version)).toEqual([1, 2]);

      const stranger = { ...finished('mz-jhdj'), applicantKeyedHash: keyedHashOf('no-consent') };
      expect(await recordLifeEvent(storage, stranger)).toBe(0);
      expect(await storage.getStoreRecord(stranger.applicantKeyedHash)).toBeNull();
    } finally {
      await storage.close();
    }
  });
});
