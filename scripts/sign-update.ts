/**
 * Signs a release for the kiosk's updater: `npm run sign-update -- --key private.pem release/`
 * writes `<file>.sig` (detached Ed25519, base64) beside latest*.yml and every artefact in the folder.
 * `npm run sign-update -- --generate-key DIR` makes a new key pair: the private key stays with the
 * publisher (never in the repository); the public key goes into electron/update-public-key.ts.
 */
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const argv = process.argv.slice(2);

function fail(message: string): never {
  process.stderr.write(`sign-update: ${message}\n`);
  process.exit(2);
}

const signable = /\.(ya?ml|exe|AppImage|deb|blockmap|zip|dmg)$/;

function main(): void {
  const generate = argv.indexOf('--generate-key');
  if (generate >= 0) {
    const dir = argv[generate + 1] ?? fail('--generate-key needs a folder');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const privatePath = join(dir, 'update-signing-key.pem');
    writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    process.stdout.write(`private key: ${privatePath} (keep it offline)\n`);
    process.stdout.write(
      `public key for electron/update-public-key.ts:\n${publicKey.export({ type: 'spki', format: 'pem' })}`,
    );
    return;
  }
  const keyIndex = argv.indexOf('--key');
  const keyPath = keyIndex >= 0 ? argv[keyIndex + 1] : undefined;
  if (!keyPath) fail('usage: sign-update --key private.pem <release folder>');
  const folder = argv.filter((arg, index) => arg !== '--key' && index !== keyIndex + 1)[0];
  if (!folder) fail('name the release folder');
  const key = createPrivateKey(readFileSync(keyPath));
  if (key.asymmetricKeyType !== 'ed25519') fail('the signing key must be Ed25519');
  let signed = 0;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (!signable.test(name) || !statSync(path).isFile()) continue;
    writeFileSync(`${path}.sig`, `${sign(null, readFileSync(path), key).toString('base64')}\n`);
    signed++;
  }
  if (signed === 0) fail(`nothing to sign in ${folder}`);
  process.stdout.write(`signed ${signed} file(s) in ${folder}\n`);
}

main();
