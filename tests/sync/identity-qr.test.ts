/**
 * Issue 15 part 2: the reference central's verifier of a provincial app / electronic ID QR code. A good
 * code is accepted once; a bad signature, an unknown signer, an expired code and a replay are refused.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DemoSignedQrVerifier,
  mintDemoIdentityQr,
  noIdentityQrVerifier,
} from '../../sync/central/identity-qr';

const now = Date.parse('2026-12-07T02:00:00Z');
const issuer = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const publicPem = issuer.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const person = { idNumber: '11010519491231002X', name: '测试人' };

function claims(overrides: Partial<{ expiresAtMs: number; nonce: string; idNumber: string }> = {}) {
  return { ...person, expiresAtMs: now + 60_000, nonce: randomUUID(), ...overrides };
}

describe('the demo signed identity QR verifier', () => {
  it('accepts a code signed by the trusted key, once', () => {
    const verifier = new DemoSignedQrVerifier([publicPem]);
    const code = mintDemoIdentityQr(issuer.privateKey, claims());
    expect(verifier.verify(code, now)).toEqual({
      verified: true,
      idNumber: person.idNumber,
      name: person.name,
      issuer: 'demo-signed-qr',
    });
    expect(verifier.verify(code, now + 1000)).toEqual({ verified: false, refusal: 'replayed' });
  });

  it('refuses a code signed by another key, and a code whose claims were changed after signing', () => {
    const verifier = new DemoSignedQrVerifier([publicPem]);
    expect(verifier.verify(mintDemoIdentityQr(stranger.privateKey, claims()), now)).toEqual({
      verified: false,
      refusal: 'invalid',
    });
    const good = mintDemoIdentityQr(issuer.privateKey, claims());
    const [prefix, , signature] = good.split('.');
    const forged = Buffer.from(JSON.stringify(claims({ idNumber: '110105194912310038' }))).toString(
      'base64url',
    );
    expect(verifier.verify(`${prefix}.${forged}.${signature}`, now)).toEqual({
      verified: false,
      refusal: 'invalid',
    });
    expect(verifier.verify('not a code at all', now)).toEqual({ verified: false, refusal: 'invalid' });
  });

  it('refuses an expired code, and one that claims to live too long', () => {
    const verifier = new DemoSignedQrVerifier([publicPem], 10 * 60_000);
    expect(
      verifier.verify(mintDemoIdentityQr(issuer.privateKey, claims({ expiresAtMs: now - 1 })), now),
    ).toEqual({
      verified: false,
      refusal: 'expired',
    });
    expect(
      verifier.verify(mintDemoIdentityQr(issuer.privateKey, claims({ expiresAtMs: now + 3600_000 })), now),
    ).toEqual({ verified: false, refusal: 'expired' });
  });

  it('refuses a signed code naming an invalid ID number', () => {
    const verifier = new DemoSignedQrVerifier([publicPem]);
    const code = mintDemoIdentityQr(issuer.privateKey, claims({ idNumber: '110105194912310021' }));
    expect(verifier.verify(code, now)).toEqual({ verified: false, refusal: 'invalid' });
  });

  it('with no verifier configured, every code is refused', () => {
    expect(noIdentityQrVerifier.verify(mintDemoIdentityQr(issuer.privateKey, claims()), now)).toEqual({
      verified: false,
      refusal: 'unsupported',
    });
  });
});
