import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEnvelopeCipher, loadOrCreateMasterKey } from '../../sync/central/at-rest-cipher';

describe('the central envelope cipher', () => {
  it('opens what it sealed, for the same context only, and any altered byte is refused', () => {
    const cipher = createEnvelopeCipher(randomBytes(32));
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.string({ maxLength: 60 }),
        fc.nat(),
        (plain, context, flip) => {
          const sealed = cipher.seal(plain, `ctx:${context}`);
          expect(Buffer.from(cipher.open(sealed, `ctx:${context}`)).equals(Buffer.from(plain))).toBe(true);
          expect(() => cipher.open(sealed, `other:${context}`)).toThrow(/does not open/);
          const altered = Buffer.from(sealed);
          const at = 5 + (flip % (altered.byteLength - 5));
          altered[at] = altered[at]! ^ 0x40;
          expect(() => cipher.open(altered, `ctx:${context}`)).toThrow(/does not open/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('after a rotation, values wrapped by the older master key still open; new ones use the new key', () => {
    const older = randomBytes(32);
    const newer = randomBytes(32);
    const before = createEnvelopeCipher(older).seal(Buffer.from('kept'), 'c');
    const rotated = createEnvelopeCipher(newer, [older]);
    expect(rotated.open(before, 'c').toString()).toBe('kept');
    const after = rotated.seal(Buffer.from('new'), 'c');
    expect(createEnvelopeCipher(newer).open(after, 'c').toString()).toBe('new');
    expect(() => createEnvelopeCipher(older).open(after, 'c')).toThrow(
      /master key this server does not hold/,
    );
  });

  it('keeps the master key owner-only, the same over restarts, and never inside the data folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'master-key-'));
    const dataDir = join(root, 'data');
    const file = join(root, 'keys', 'master-key');
    const first = loadOrCreateMasterKey(file, dataDir);
    expect(loadOrCreateMasterKey(file, dataDir).equals(first)).toBe(true);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(() => loadOrCreateMasterKey(join(dataDir, 'k'), dataDir)).toThrow(/inside the data folder/);
  });
});
