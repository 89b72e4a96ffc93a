import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSealingKeyPair, openSealed, sealFor } from '../../kernel/sealed-envelope';

describe('sealed envelopes (kiosk to central)', () => {
  const central = generateSealingKeyPair();
  const privateKey = createPrivateKey(central.privateKeyPem);

  it('opens with the central key and the same binding only', () => {
    const envelope = sealFor(central.publicKey, Buffer.from('张三 350102199001011234'), 'case-1');
    expect(envelope.ct).not.toContain(Buffer.from('张三').toString('base64'));
    const opened = openSealed(privateKey, envelope, 'case-1');
    expect(opened.ok && opened.value.toString()).toBe('张三 350102199001011234');
    expect(openSealed(privateKey, envelope, 'case-2')).toMatchObject({ ok: false });
    const other = createPrivateKey(generateSealingKeyPair().privateKeyPem);
    expect(openSealed(other, envelope, 'case-1')).toMatchObject({ ok: false });
  });

  it('seals the same content differently each time (a fresh ephemeral key), and refuses malformed parts', () => {
    const a = sealFor(central.publicKey, Buffer.from('x'), 'b');
    const b = sealFor(central.publicKey, Buffer.from('x'), 'b');
    expect(a.epk).not.toBe(b.epk);
    expect(openSealed(privateKey, { ...a, epk: 'AAAA' }, 'b')).toMatchObject({ ok: false });
    expect(openSealed(privateKey, { ...a, iv: b.iv }, 'b')).toMatchObject({ ok: false });
  });

  it('refuses a key that is not X25519', () => {
    expect(() => sealFor(Buffer.from('not a key').toString('base64'), Buffer.from('x'), 'b')).toThrow();
  });
});
