/**
 * The publisher's Ed25519 public key: every update (latest.yml and each artefact) must carry a detached
 * signature that this key verifies, or the kiosk installs nothing. The private half is held offline by
 * the release manager (`npm run sign-update -- --generate-key DIR` makes a pair; replace this key with
 * the new public half before the first release, see docs/updates.md).
 */
export const updatePublicKeyPem = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAMtW5hGvgzyRIKY333U1HZQwzUs6xzY33EG34Q1iW2HA=
-----END PUBLIC KEY-----
`;
