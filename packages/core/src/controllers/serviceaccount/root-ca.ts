/**
 * The cluster's root CA certificate as kube-controller-manager's `--root-ca-file` holds it: one
 * PEM block whose DER starts as an EKS (kubeadm-style) CA does (a SEQUENCE of 770 bytes, version 3,
 * serial 0, sha256WithRSAEncryption, issuer `CN=kubernetes`) and goes on with bytes from the
 * cluster's RNG stream, so every seed has its own CA and the same seed the same one.
 * @see k/k pkg/controller/certificates/rootcacertpublisher/publisher.go (the rootCA it publishes)
 */
import type { Rng } from '../../sim/rng.js';

/** Label of the CA's RNG stream. */
export const ROOT_CA_RNG = 'cluster-ca';

/** DER prefix: `SEQUENCE(770) { SEQUENCE(486) { [0] v3, serial 0, sha256WithRSA, Name{CN=kubernetes} …`. */
const DER_PREFIX = [
  0x30, 0x82, 0x02, 0xfe, 0x30, 0x82, 0x01, 0xe6, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
  0x01, 0x0b, 0x05, 0x00, 0x30, 0x15, 0x31, 0x13, 0x30, 0x11, 0x06, 0x03, 0x55, 0x04, 0x03, 0x13, 0x0a, 0x6b, 0x75, 0x62, 0x65, 0x72, 0x6e, 0x65, 0x74, 0x65, 0x73,
];
/** Total DER length: the outer SEQUENCE's 4 header bytes + 0x2fe. */
const DER_LENGTH = 4 + 0x2fe;

/** `pem.EncodeToMemory`: the base64 body in lines of 64 characters, with its BEGIN/END lines. */
export function encodePem(type: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

/** CAs already made, by the seed of their stream (a fuzz campaign makes thousands of clusters). */
const made = new Map<number, string>();

/** The CA certificate (PEM, with its trailing newline) for the stream `rng` (a fresh fork: its seed fixes every draw). */
export function rootCaCertificate(rng: Rng): string {
  const hit = made.get(rng.seed);
  if (hit !== undefined) return hit;
  const der = new Uint8Array(DER_LENGTH);
  der.set(DER_PREFIX);
  for (let i = DER_PREFIX.length; i < DER_LENGTH; i++) der[i] = rng.int(0, 255);
  const pem = encodePem('CERTIFICATE', der);
  if (made.size >= 1024) made.clear();
  made.set(rng.seed, pem);
  return pem;
}
