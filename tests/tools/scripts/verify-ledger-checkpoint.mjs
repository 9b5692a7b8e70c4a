// An independent check of Rampart ledger output, written only from the public specs
// (C2SP signed-note and tlog-checkpoint, RFC 9162 §2.1) on Node's own crypto.
// Input (file given as argv[2]): {"verifierKey": "...", "checkpoint": "<signed note>",
//   "entries": ["<base64 leaf data>", ...], "proofs": [{"index": n, "proof": ["<base64>", ...]}]}
// Prints {"ok":true,...} and exits 0, or prints the reason and exits 1.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafHash = (data) => sha256(Buffer.from([0]), data);
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);
const fail = (reason) => { console.log(JSON.stringify({ ok: false, reason })); process.exit(1); };

function mth(leaves) {
  if (leaves.length === 0) return sha256(Buffer.alloc(0));
  if (leaves.length === 1) return leafHash(leaves[0]);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

function rootFromInclusion(index, size, leaf, proof) {
  let fn = index, sn = size - 1, r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if ((fn & 1) === 1 || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1) === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1; sn >>= 1;
  }
  return sn === 0 ? r : null;
}

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// Verifier key: <name>+<hash hex>+<base64(0x01 || 32-byte Ed25519 key)>
const [name, hashHex, keyB64] = input.verifierKey.split('+', 2).concat(input.verifierKey.split('+').slice(2).join('+'));
const keyBytes = Buffer.from(keyB64, 'base64');
if (keyBytes.length !== 33 || keyBytes[0] !== 1) fail('verifier key is not an Ed25519 signed-note key');
const keyHash = sha256(Buffer.from(name + '\n', 'utf8'), keyBytes).subarray(0, 4);
if (keyHash.toString('hex') !== hashHex) fail('verifier key hash does not match');
const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: keyBytes.subarray(1).toString('base64url') }, format: 'jwk' });

// Signed note: text, blank line, signature lines "— <name> <base64(hash || sig)>".
const note = input.checkpoint;
const split = note.lastIndexOf('\n\n');
if (split < 0) fail('checkpoint is not a signed note');
const text = note.slice(0, split + 1);
const sigLines = note.slice(split + 2).split('\n').filter((l) => l.length > 0);
let verified = false;
for (const line of sigLines) {
  const m = /^\u2014 (\S+) (\S+)$/.exec(line);
  if (!m) fail('malformed signature line');
  const raw = Buffer.from(m[2], 'base64');
  if (m[1] !== name || !raw.subarray(0, 4).equals(keyHash)) continue;
  if (!verify(null, Buffer.from(text, 'utf8'), publicKey, raw.subarray(4))) fail('checkpoint signature does not verify');
  verified = true;
}
if (!verified) fail('no signature by the verifier key');

// Checkpoint body: origin, size, base64 root hash.
const [origin, sizeText, rootB64] = text.split('\n');
const size = Number(sizeText);
const root = Buffer.from(rootB64, 'base64');
const leaves = input.entries.map((e) => Buffer.from(e, 'base64'));
if (size > leaves.length) fail(`checkpoint covers ${size} entries, only ${leaves.length} given`);
if (!mth(leaves.slice(0, size)).equals(root)) fail('root hash of the entries does not match the checkpoint');

for (const p of input.proofs ?? []) {
  const r = rootFromInclusion(p.index, size, leafHash(leaves[p.index]), p.proof.map((h) => Buffer.from(h, 'base64')));
  if (!r || !r.equals(root)) fail(`inclusion proof of entry ${p.index} does not lead to the checkpoint root`);
}

console.log(JSON.stringify({ ok: true, origin, size, proofs: (input.proofs ?? []).length }));
