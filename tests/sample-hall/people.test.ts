import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { birthDateFromResidentId, isValidResidentId, sexFromResidentId } from '../../kernel/id-checks';
import { cardIdentitySchema } from '../../sync/protocol/forms';
import { profileSchema } from '../../sync/protocol/profile';
import { sampleCountyCode } from '../../sync/sample-hall/catalogue';
import { sampleMaterialBytes, sha256Hex } from '../../sync/sample-hall/material-bytes';
import {
  type SamplePerson,
  sampleMaterialSource,
  samplePeople,
  sampleReferenceDate,
} from '../../sync/sample-hall/people';

let people: SamplePerson[];

beforeAll(() => {
  people = samplePeople(1000);
});

describe('the 1,000 sample people', () => {
  it('have valid, unique ID numbers of the county whose birth date and sex match the card', () => {
    expect(people).toHaveLength(1000);
    const idNumbers = new Set<string>();
    for (const { identity } of people) {
      expect(cardIdentitySchema.safeParse(identity).success).toBe(true);
      expect(isValidResidentId(identity.idNumber, sampleReferenceDate), identity.idNumber).toBe(true);
      expect(identity.idNumber.startsWith(sampleCountyCode)).toBe(true);
      expect(birthDateFromResidentId(identity.idNumber)).toBe(identity.birthDate);
      expect(sexFromResidentId(identity.idNumber)).toBe(identity.sex);
      expect(identity.validTo === null || identity.validTo > sampleReferenceDate).toBe(true);
      expect(identity.validFrom > identity.birthDate).toBe(true);
      idNumbers.add(identity.idNumber);
    }
    expect(idNumbers.size).toBe(1000);
  });

  it('include elderly applicants and young ones', () => {
    const birthYears = people.map((person) => Number(person.identity.birthDate.slice(0, 4)));
    expect(birthYears.filter((year) => year <= 1964).length).toBeGreaterThan(150);
    expect(birthYears.filter((year) => year >= 2000).length).toBeGreaterThan(30);
  });

  it('have valid profiles, many with a phone, a company, earlier submissions and archived materials', () => {
    const profiles = people.flatMap((person) => (person.profile ? [person.profile] : []));
    for (const profile of profiles) expect(profileSchema.safeParse(profile).success).toBe(true);
    expect(profiles.length).toBeGreaterThan(600);
    expect(people.length - profiles.length).toBeGreaterThan(150);
    expect(profiles.filter((profile) => profile.phone).length).toBeGreaterThan(550);
    expect(profiles.filter((profile) => profile.company).length).toBeGreaterThan(150);
    expect(
      profiles.filter((profile) => Object.keys(profile.lastSubmissions).length > 0).length,
    ).toBeGreaterThan(250);
    expect(profiles.filter((profile) => profile.materials.length > 0).length).toBeGreaterThan(400);
  });

  it('are the same on every call', () => {
    expect(samplePeople(50)).toEqual(people.slice(0, 50));
  });
});

describe('sample material bytes', () => {
  it('are deterministic PNG pages that differ by seed and decode as images', async () => {
    const first = sampleMaterialBytes('HOUSEHOLD_REGISTER', 1);
    expect(sha256Hex(sampleMaterialBytes('HOUSEHOLD_REGISTER', 1))).toBe(sha256Hex(first));
    expect(sha256Hex(sampleMaterialBytes('HOUSEHOLD_REGISTER', 2))).not.toBe(sha256Hex(first));
    const metadata = await sharp(first).metadata();
    expect(metadata).toMatchObject({ format: 'png', width: 96, height: 128 });
  });

  it('every archived material can be regenerated from its hash, byte for byte', () => {
    let checked = 0;
    for (const person of people) {
      for (const material of person.profile?.materials ?? []) {
        const source = sampleMaterialSource(material.sha256);
        expect(source?.code).toBe(material.code);
        const bytes = sampleMaterialBytes(source!.code, source!.seed);
        expect(sha256Hex(bytes)).toBe(material.sha256);
        expect(bytes.length).toBe(material.sizeBytes);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
