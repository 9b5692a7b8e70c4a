// Verifies a Sigstore bundle offline with sigstore-js, key-based, no log or timestamp required.
// Usage: node verify-bundle.mjs BUNDLE PUBLIC_KEY_PEM [ARTIFACT]   (no ARTIFACT for a DSSE bundle)
// Prints "verified" and exits 0, or prints the error and exits 1.
import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const [bundlePath, keyPath, artifactPath] = process.argv.slice(2);
try {
  const bundle = bundleFromJSON(JSON.parse(readFileSync(bundlePath, 'utf8')));
  const key = createPublicKey(readFileSync(keyPath, 'utf8'));
  const trust = toTrustMaterial(
    { tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] },
    () => ({ publicKey: key, validFor: () => true }));
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  const entity = artifactPath ? toSignedEntity(bundle, readFileSync(artifactPath)) : toSignedEntity(bundle);
  verifier.verify(entity);
  console.log('verified');
} catch (e) {
  console.log(`${e.name}: ${e.message}`);
  process.exit(1);
}
