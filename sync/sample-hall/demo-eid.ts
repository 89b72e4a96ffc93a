/**
 * The sample hall's demo electronic-ID issuer: a WELL-KNOWN key pair for demonstrations and tests only.
 * The embedded (demo) central trusts its public key; a real hall configures its province's verifier and
 * never this key.
 */
export const demoEidPrivateKeyPem = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEID+FPhUAwA1ZoQk5QOMztN5uY2BkmBBSHXs2R27OLTg8
-----END PRIVATE KEY-----
`;

export const demoEidPublicKeyPem = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAwp0NziaHe6HNCobtGx306i/IHgENd1CJGiC0ebGSUb0=
-----END PUBLIC KEY-----
`;
