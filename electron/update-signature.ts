import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { err, ok, type Result } from '../kernel/result';

/**
 * Updates carry a signature of their own, independent of the feed's transport and of the Windows
 * code-signing certificate: every file of a release (latest.yml and each artefact) has a detached
 * Ed25519 signature `<file>.sig` (base64), made by `npm run sign-update` with the publisher's private
 * key. The kiosk holds the public half (update-public-key.ts) and installs nothing whose signature fails.
 */
export type UpdateVerificationFailure =
  | 'feed_unreachable'
  | 'feed_signature_invalid'
  | 'feed_malformed'
  | 'artefact_signature_invalid'
  | 'artefact_unknown';

export interface VerifiedFeed {
  version: string;
  /** The artefact file names the signed feed lists (path and files[].url). */
  files: string[];
}

export type FetchBytes = (url: string) => Promise<Buffer>;

export function updatePublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the update public key must be Ed25519');
  return key;
}

export function verifyDetached(key: KeyObject, data: Buffer, signatureBase64: string): boolean {
  const signature = Buffer.from(signatureBase64.trim(), 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}

async function httpBytes(url: string): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** Reads the channel's feed and its signature, and checks both before the updater may act on it. */
export class UpdateFeedVerifier {
  readonly #key: KeyObject;
  readonly #feedUrl: string;
  readonly #fetch: FetchBytes;
  #verified: VerifiedFeed | null = null;

  constructor(options: { publicKeyPem: string; feedUrl: string; fetchBytes?: FetchBytes }) {
    this.#key = updatePublicKey(options.publicKeyPem);
    this.#feedUrl = options.feedUrl.replace(/\/+$/, '');
    this.#fetch = options.fetchBytes ?? httpBytes;
  }

  get verified(): VerifiedFeed | null {
    return this.#verified;
  }

  async verifyFeed(channel: string): Promise<Result<VerifiedFeed, UpdateVerificationFailure>> {
    this.#verified = null;
    const name = `${channel}.yml`;
    let feed: Buffer;
    let signature: Buffer;
    try {
      [feed, signature] = await Promise.all([
        this.#fetch(`${this.#feedUrl}/${name}`),
        this.#fetch(`${this.#feedUrl}/${name}.sig`),
      ]);
    } catch (error) {
      return err('feed_unreachable', `The update feed could not be read: ${(error as Error).message}`);
    }
    if (!verifyDetached(this.#key, feed, signature.toString('utf8')))
      return err('feed_signature_invalid', `${name} is not signed by the kiosk's publisher.`);
    let parsed: unknown;
    try {
      parsed = parseYaml(feed.toString('utf8'));
    } catch {
      return err('feed_malformed', `${name} is not YAML.`);
    }
    const info = parsed as { version?: unknown; path?: unknown; files?: { url?: unknown }[] } | null;
    if (!info || typeof info.version !== 'string') return err('feed_malformed', `${name} names no version.`);
    const files = new Set<string>();
    if (typeof info.path === 'string') files.add(basename(info.path));
    for (const file of Array.isArray(info.files) ? info.files : [])
      if (typeof file?.url === 'string') files.add(basename(file.url));
    this.#verified = { version: info.version, files: [...files] };
    return ok(this.#verified);
  }

  /** The downloaded artefact must be one the signed feed lists, and its own signature must hold. */
  async verifyArtefact(
    downloadedFile: string,
    version: string,
  ): Promise<Result<{ file: string }, UpdateVerificationFailure>> {
    const feed = this.#verified;
    const name = basename(downloadedFile);
    if (!feed || feed.version !== version)
      return err('artefact_unknown', `Version ${version} is not the one the signed feed announced.`);
    const listed =
      feed.files.find((file) => file === name) ?? (feed.files.length === 1 ? feed.files[0] : null);
    if (!listed) return err('artefact_unknown', `${name} is not listed in the signed feed.`);
    let signature: Buffer;
    let bytes: Buffer;
    try {
      [signature, bytes] = await Promise.all([
        this.#fetch(`${this.#feedUrl}/${encodeURIComponent(listed)}.sig`),
        readFile(downloadedFile),
      ]);
    } catch (error) {
      return err(
        'feed_unreachable',
        `The artefact's signature could not be read: ${(error as Error).message}`,
      );
    }
    if (!verifyDetached(this.#key, bytes, signature.toString('utf8')))
      return err('artefact_signature_invalid', `${listed} does not match its publisher's signature.`);
    return ok({ file: listed });
  }
}
