import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskConfigSchema, parseConfig } from '../../host/config/config';
import { hallIdentityOf } from '../../host/services/hall-identity';

const folder = mkdtempSync(join(tmpdir(), 'hall-identity-'));

describe('the hall identity from config (issue 15 part 4)', () => {
  it('defaults to the sample hall’s blue and the built-in emblem', () => {
    expect(hallIdentityOf(parseConfig({}))).toEqual({
      identity: { emblem: null, colours: { primary: '#0b3d91', accent: '#0a56b5' } },
      problem: null,
    });
  });

  it('reads an SVG or PNG emblem into a data URL', () => {
    const file = join(folder, 'emblem.png');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const { identity } = hallIdentityOf(parseConfig({ hall: { emblemFile: file } }));
    expect(identity.emblem).toBe('data:image/png;base64,iVBORw==');
  });

  it('falls back to the built-in emblem, with the reason, for a missing, foreign or oversized file', () => {
    const big = join(folder, 'big.svg');
    writeFileSync(big, Buffer.alloc(300 * 1024, 32));
    const cases: [string, string][] = [
      [join(folder, 'absent.svg'), 'hall.emblemFile: cannot be read'],
      [join(folder, 'emblem.gif'), 'hall.emblemFile: not an .svg or .png file'],
      [big, 'hall.emblemFile: larger than 256 KB'],
    ];
    for (const [emblemFile, problem] of cases) {
      const result = hallIdentityOf(parseConfig({ hall: { emblemFile } }));
      expect(result).toEqual({ identity: expect.objectContaining({ emblem: null }), problem });
    }
  });

  it('refuses a colour that is not #rrggbb, naming the field', () => {
    const parsed = kioskConfigSchema.safeParse({ hall: { colours: { primary: 'blue' } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['hall', 'colours', 'primary']);
  });
});
