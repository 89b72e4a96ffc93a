import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { residentIdProblem } from '../../kernel/id-checks';
import type { IdentityQrResponse } from '../protocol/central-identity';

/**
 * Verifies the QR code of a provincial government app or an electronic ID (e.g. 闽政通 / 电子身份证),
 * as a kiosk read it. Pluggable: a hall wires its province's verifier (an online check against the
 * issuer); the reference central ships DemoSignedQrVerifier for the sample hall.
 */
export interface IdentityQrVerifier {
  readonly issuer: string;
  verify(payload: string, nowMs: number): IdentityQrResponse;
}

/** No verifier configured: every code is refused (fail closed). */
export const noIdentityQrVerifier: IdentityQrVerifier = {
  issuer: 'none',
  verify: () => ({ verified: false, refusal: 'unsupported' }),
};

export interface DemoQrClaims {
  idNumber: string;
  name: string;
  expiresAtMs: number;
  /** Random per code: a code is accepted once. */
  nonce: string;
}

const demoPrefix = 'DEMO-EID1';

/** A signed demo code: DEMO-EID1.<base64url claims JSON>.<base64url Ed25519 signature over the first two parts>. */
export function mintDemoIdentityQr(privateKey: KeyObject, claims: DemoQrClaims): string {
  const body = `${demoPrefix}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${sign(null, Buffer.from(body), privateKey).toString('base64url')}`;
}

function claimsOf(json: string): DemoQrClaims | null {
  try {
    const value = JSON.parse(json) as Partial<DemoQrClaims>;
    if (
      typeof value.idNumber !== 'string' ||
      typeof value.name !== 'string' ||
      typeof value.expiresAtMs !== 'number' ||
      typeof value.nonce !== 'string' ||
      value.nonce.length < 8 ||
      value.nonce.length > 64 ||
      value.name.length < 1 ||
      value.name.length > 60
    )
      return null;
    return value as DemoQrClaims;
  } catch {
    return null;
  }
}

/**
 * The reference verifier: Ed25519 signature by a trusted key, not past its expiry (and not valid for
 * longer than maxLifetimeMs), each nonce accepted once. Used nonces are held until their code expires;
 * they live in this process's memory, so the lifetime is kept short (a restart forgets them).
 */
export class DemoSignedQrVerifier implements IdentityQrVerifier {
  readonly issuer = 'demo-signed-qr';
  readonly #keys: KeyObject[];
  readonly #used = new Map<string, number>();

  constructor(
    trustedPublicKeysPem: readonly string[],
    private readonly maxLifetimeMs = 10 * 60_000,
  ) {
    this.#keys = trustedPublicKeysPem.map((pem) => createPublicKey(pem));
  }

  verify(payload: string, nowMs: number): IdentityQrResponse {
    const parts = payload.trim().split('.');
    if (parts.length !== 3 || parts[0] !== demoPrefix) return { verified: false, refusal: 'invalid' };
    const body = Buffer.from(`${parts[0]}.${parts[1]}`);
    const signature = Buffer.from(parts[2]!, 'base64url');
    const signed = this.#keys.some((key) => {
      try {
        return verify(null, body, key, signature);
      } catch {
        return false;
      }
    });
    if (!signed) return { verified: false, refusal: 'invalid' };
    const claims = claimsOf(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    if (!claims || residentIdProblem(claims.idNumber, new Date(nowMs).toISOString().slice(0, 10)) !== null)
      return { verified: false, refusal: 'invalid' };
    if (claims.expiresAtMs <= nowMs || claims.expiresAtMs - nowMs > this.maxLifetimeMs)
      return { verified: false, refusal: 'expired' };
    for (const [nonce, expiresAtMs] of this.#used) if (expiresAtMs <= nowMs) this.#used.delete(nonce);
    if (this.#used.has(claims.nonce)) return { verified: false, refusal: 'replayed' };
    this.#used.set(claims.nonce, claims.expiresAtMs);
    return { verified: true, idNumber: claims.idNumber, name: claims.name, issuer: this.issuer };
  }
}
