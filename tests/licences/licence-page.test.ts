import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { LicenceCopies } from '../../host/services/licences/licence-copies';
import { renderLicencePage } from '../../host/services/licences/licence-page';
import { licencePreviewJpeg } from '../../host/services/licences/licence-preview';
import type { ElectronicLicence } from '../../sync/protocol/electronic-licences';
import { emptyProfile } from '../../sync/protocol/profile';

const dir = mkdtempSync(join(tmpdir(), 'licence-page-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The page's text as poppler's pdftotext reads it. */
function pdfText(bytes: Buffer): string {
  const file = join(dir, `${createHash('sha256').update(bytes).digest('hex')}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function pdfPages(bytes: Buffer): number {
  const file = join(dir, 'info.pdf');
  writeFileSync(file, bytes);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

const marriage: ElectronicLicence = {
  kind: 'marriageCertificate',
  holderName: '陈美玲',
  holderIdNumber: '350583199001011234',
  licenceNumber: 'J350583-2020-000123',
  issuer: '南安市民政局',
  issuedOn: '2020-05-20',
  validTo: null,
  spouseName: '林志强',
  spouseIdNumber: '350583198801012345',
  registeredOn: '2020-05-20',
};

const household: ElectronicLicence = {
  kind: 'householdRegister',
  holderName: '陈美玲',
  holderIdNumber: '350583199001011234',
  licenceNumber: '350583001234',
  issuer: '南安市公安局溪美派出所',
  issuedOn: '2018-03-01',
  validTo: null,
  headName: '林志强',
  registeredAddress: '福建省南安市溪美街道成功街88号',
  members: [
    { name: '林志强', idNumber: '350583198801012345', relation: '户主' },
    { name: '陈美玲', idNumber: '350583199001011234', relation: '配偶' },
  ],
};

describe('the rendered page of an electronic licence (issue 13 part 2)', () => {
  it('is the same bytes for the same licence, and different for another', async () => {
    const first = await renderLicencePage(marriage);
    const again = await renderLicencePage(marriage);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(again.equals(first)).toBe(true);
    const other = await renderLicencePage({ ...marriage, licenceNumber: 'J350583-2020-000124' });
    expect(other.equals(first)).toBe(false);
  });

  it('is one page with the title, the 电子证照 marking, the licence number and the holder', async () => {
    const bytes = await renderLicencePage(marriage);
    expect(pdfPages(bytes)).toBe(1);
    const text = pdfText(bytes);
    for (const expected of ['结婚证', '电子证照', 'J350583-2020-000123', '陈美玲', '林志强', '南安市民政局'])
      expect(text).toContain(expected);
  });

  it('lists a household register’s members', async () => {
    const text = pdfText(await renderLicencePage(household));
    expect(text).toContain('居民户口簿');
    expect(text).toContain('350583001234');
    expect(text).toContain('350583198801012345');
  });

  it('offers each licence as an archived PDF copy named by the hash of its page', async () => {
    const profile = {
      ...emptyProfile(
        { storeProfile: true, keepMaterials: false, consentedAt: '2025-01-01T00:00:00Z' },
        '2025-01-01T00:00:00Z',
      ),
      licences: [marriage, household],
    };
    const copies = await new LicenceCopies().copiesFor('session-1', profile);
    expect(copies.map((copy) => copy.material.code)).toEqual(['MARRIAGE_CERT', 'HOUSEHOLD_REGISTER']);
    const [page] = copies;
    expect(page!.material).toMatchObject({
      mime: 'application/pdf',
      pages: 1,
      sizeBytes: page!.bytes.length,
    });
    expect(page!.material.sha256).toBe(createHash('sha256').update(page!.bytes).digest('hex'));
    expect(page!.material.sha256).toBe(
      createHash('sha256')
        .update(await renderLicencePage(marriage))
        .digest('hex'),
    );
  });
});

describe('the picture of the page', () => {
  it('is a JPEG of the asked width with the page drawn on it (not blank)', async () => {
    const jpeg = await licencePreviewJpeg(marriage, 400);
    const image = sharp(jpeg);
    expect((await image.metadata()).width).toBe(400);
    const { channels } = await image.stats();
    // White paper, black text and the red marking.
    expect(channels[0]!.max).toBe(255);
    expect(channels[1]!.min).toBeLessThan(60);
  });
});

describe('a large household', () => {
  it('still fits one page', async () => {
    const members = Array.from({ length: 30 }, (_, index) => ({
      name: `林成员${index}`,
      idNumber: `3505831990010${String(index).padStart(5, '0')}`,
      relation: index === 0 ? '户主' : '子女',
    }));
    const bytes = await renderLicencePage({ ...household, members } as ElectronicLicence);
    expect(pdfPages(bytes)).toBe(1);
    expect(pdfText(bytes)).toContain('林成员29');
  });
});
