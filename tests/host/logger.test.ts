import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubIdNumbers } from '../../host/logging/logger';
import { testIdentity } from '../support/identities';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { lines, logger: createLogger({ destination, level: 'debug' }) };
}

describe('logging without personal data', () => {
  it('redacts personal keys at any depth', () => {
    const { lines, logger } = capture();
    logger.info({ identity: testIdentity }, 'card placed');
    logger.info(
      { name: testIdentity.name, idNumber: testIdentity.idNumber, address: testIdentity.address },
      'flat',
    );
    logger.info({ submission: { applicant: { name: testIdentity.name, phone: '13800138000' } } }, 'nested');
    const text = lines.join('');
    for (const secret of [testIdentity.name, testIdentity.idNumber, testIdentity.address!, '13800138000']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('masks ID numbers that slip into free text and error messages', () => {
    const { lines, logger } = capture();
    logger.warn(`lookup failed for ${testIdentity.idNumber}`);
    logger.error({ err: new Error(`bad card 350583199001011234 read`) }, 'reader error');
    const text = lines.join('');
    expect(text).not.toContain(testIdentity.idNumber);
    expect(text).not.toContain('350583199001011234');
    expect(text).toContain('[id-number]');
  });

  it('leaves other numbers alone', () => {
    expect(scrubIdNumbers('ticket A001, 5000 items, seq 123456789012')).toBe(
      'ticket A001, 5000 items, seq 123456789012',
    );
  });
});
