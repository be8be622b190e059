/**
 * The `serviceaccounts/token` subresource (TokenRequest) as the kubelet calls it for a projected
 * `serviceAccountToken`: a pod-bound JWT for the pod's service account, signed by the cluster's
 * service account issuer (EKS: the cluster's OIDC provider).
 *
 * Design: the token is JWT-shaped but its signature is random (nothing here verifies it): header
 * `{"alg":"RS256","kid":…}`, the claims of a 1.33 bound token in `json.Marshal` order (aud, exp,
 * iat, iss, jti, kubernetes.io {namespace, node, pod, serviceaccount, warnafter}, nbf, sub), and 256
 * random bytes as the RS256 signature, all base64url without padding. The issuer's key id and OIDC
 * id are drawn once from the issuer's stream; each token's jti and signature from the token
 * stream, so tokens shift no other random draw. A request for exactly 3607 s (the admission
 * plugin's projection) with the API audiences is extended to a year with `warnafter` at 3607 s
 * (`--service-account-extend-token-expiration`, on in EKS), as real EKS tokens show.
 * @see k/k pkg/registry/core/serviceaccount/storage/token.go (TokenREST.Create),
 *   pkg/serviceaccount/claims.go (Claims, WarnOnlyBoundTokenExpirationSeconds,
 *   ExpirationExtensionSeconds), pkg/serviceaccount/jwt.go (keyIDFromPublicKey),
 *   pkg/kubelet/token/token_manager.go (GetServiceAccountToken)
 */
import type { CoreCluster } from '../cluster/core-cluster.js';
import type { Rng } from '../sim/rng.js';
import { WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS } from './admission/service-account.js';
import { errors, field } from './errors.js';
import type { KubeObject } from './object.js';

/** `ExpirationExtensionSeconds` (24 * 365 * 60 * 60): how long an extended token stays valid. */
export const EXPIRATION_EXTENSION_SECONDS = 24 * 365 * 60 * 60;
/** The API server's `--api-audiences` on EKS. */
export const API_AUDIENCES = ['https://kubernetes.default.svc'] as const;
/** Label of the issuer's RNG stream (key id and OIDC id, drawn once). */
export const SERVICE_ACCOUNT_ISSUER_RNG = 'apiserver/service-account-issuer';
/** Label of the tokens' RNG stream (jti and signature of each token). */
export const TOKEN_REQUEST_RNG = 'apiserver/token-request';

/** A TokenRequest's `expirationSeconds` when it gives none (the v1 defaulting). */
export const DEFAULT_TOKEN_REQUEST_EXPIRATION_SECONDS = 3600;
/** The shortest lifetime `ValidateTokenRequest` allows (10 minutes). */
const MIN_TOKEN_REQUEST_EXPIRATION_SECONDS = 600;

/** `apiserverserviceaccount.MakeUsername`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** What the kubelet asks for (`TokenRequestSpec` with a pod `BoundObjectReference`), or `kubectl create token`. */
export interface TokenRequest {
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** The pod the token is bound to, and the node it runs on (a node-bound token: the node alone). */
  readonly pod?: { readonly name: string; readonly uid: string };
  readonly node?: { readonly name: string; readonly uid: string };
  /** The Secret the token is bound to. */
  readonly secret?: { readonly name: string; readonly uid: string };
  /** `spec.audiences` (empty: the API audiences); `audience` is a projection's one. */
  readonly audiences?: readonly string[];
  /** The projection's `audience` ('' or absent: the API audiences). */
  readonly audience?: string;
  readonly expirationSeconds: number;
}

/** A token, or the error the kubelet reports. */
export type TokenResult = { readonly token: string } | { readonly error: string };

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

/** `n` random bytes (a multiple of 4), one 32-bit draw per 4 bytes. */
function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i += 4) view.setUint32(i, rng.int(0, 0xffffffff));
  return out;
}

/** The cluster's service account token issuer. */
export class ServiceAccountTokenIssuer {
  /** `iss`: the EKS cluster's OIDC issuer URL. */
  readonly issuer: string;
  /**
   * The API server endpoint: EKS names it after the same cluster id as the OIDC issuer
   * (`https://<ID>.gr7.<region>.eks.amazonaws.com`).
   */
  readonly endpoint: string;
  /** `kid`: base64url SHA-256 of the signing key (43 characters). */
  readonly keyId: string;
  /** The encoded JWS header (the same for every token). */
  private readonly header: string;

  constructor(
    private readonly core: CoreCluster,
    issuerRng: Rng,
    private readonly tokenRng: Rng,
    region: string,
  ) {
    this.keyId = base64url(randomBytes(issuerRng, 32));
    const clusterId = issuerRng.hex(32).toUpperCase();
    this.issuer = `https://oidc.eks.${region}.amazonaws.com/id/${clusterId}`;
    this.endpoint = `https://${clusterId}.gr7.${region}.eks.amazonaws.com`;
    this.header = base64url(JSON.stringify({ alg: 'RS256', kid: this.keyId }));
  }

  /**
   * `TokenREST.Create` then the kubelet's `failed to fetch token: …` wrapping of its error: a token
   * for `req`, or the error text.
   */
  request(req: TokenRequest): TokenResult {
    const sa = this.core.store.get('ServiceAccount', req.namespace, req.serviceAccountName);
    if (!sa) return { error: `failed to fetch token: serviceaccounts ${JSON.stringify(req.serviceAccountName)} not found` };
    return { token: this.sign(this.claims(sa, req)) };
  }

  /**
   * `POST serviceaccounts/<name>/token` (`TokenREST.Create`, as `kubectl create token` calls it):
   * validates the spec (`ValidateTokenRequest`), resolves the bound object (Pod, with its node;
   * Secret; Node) and returns the token with its expiry. Throws the API server's NotFound,
   * Invalid and Conflict errors.
   */
  create(
    namespace: string,
    name: string,
    spec: { readonly audiences?: readonly string[]; readonly expirationSeconds?: number; readonly boundObjectRef?: { readonly kind: string; readonly name: string; readonly uid?: string } },
  ): { token: string; expirationTimestamp: string; audiences: string[]; expirationSeconds: number } {
    const store = this.core.store;
    const expirationSeconds = spec.expirationSeconds ?? DEFAULT_TOKEN_REQUEST_EXPIRATION_SECONDS;
    const invalid = (detail: string) => errors.invalid('TokenRequest', 'authentication.k8s.io', name, [field.invalid('spec.expirationSeconds', expirationSeconds, detail)]);
    if (expirationSeconds < MIN_TOKEN_REQUEST_EXPIRATION_SECONDS) throw invalid('may not specify a duration less than 10 minutes');
    if (expirationSeconds > 2 ** 32) throw invalid('may not specify a duration larger than 2^32 seconds');
    const sa = store.get('ServiceAccount', namespace, name);
    if (!sa) throw errors.notFound('serviceaccounts', '', name);
    let req: TokenRequest = { namespace, serviceAccountName: name, audiences: spec.audiences, expirationSeconds };
    const ref = spec.boundObjectRef;
    if (ref) {
      const resource = ref.kind === 'Node' ? 'nodes' : ref.kind === 'Secret' ? 'secrets' : 'pods';
      const obj = store.get(ref.kind, ref.kind === 'Node' ? undefined : namespace, ref.name);
      if (!obj) throw errors.notFound(resource, '', ref.name);
      if (ref.uid && ref.uid !== obj.metadata.uid) {
        throw errors.conflict(ref.kind, '', ref.name, `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
      }
      const bound = { name: obj.metadata.name ?? '', uid: obj.metadata.uid ?? '' };
      if (ref.kind === 'Pod') {
        const nodeName = (obj.spec as { nodeName?: string } | undefined)?.nodeName;
        const node = nodeName ? store.get('Node', undefined, nodeName) : undefined;
        req = { ...req, pod: bound, node: node ? { name: node.metadata.name ?? '', uid: node.metadata.uid ?? '' } : undefined };
      } else if (ref.kind === 'Secret') req = { ...req, secret: bound };
      else req = { ...req, node: bound };
    }
    const claims = this.claims(sa, req);
    // The status tells the spec's lifetime (TokenREST sets it from spec.expirationSeconds), even
    // when the token's own exp was extended for a warn-only bound token.
    return {
      token: this.sign(claims),
      expirationTimestamp: this.core.clock.rfc3339(this.core.clock.now() + expirationSeconds * 1000),
      audiences: spec.audiences?.length ? [...spec.audiences] : [...API_AUDIENCES],
      expirationSeconds,
    };
  }

  /** `Claims` with the expiration extension of `TokenREST.Create`. */
  private claims(sa: KubeObject, req: TokenRequest): Record<string, unknown> {
    const nowSeconds = Math.floor((this.core.clock.startEpochMs + this.core.clock.now()) / 1000);
    const audiences = req.audiences?.length ? [...req.audiences] : req.audience ? [req.audience] : [...API_AUDIENCES];
    const isKubeAudiences = audiences.every((a) => (API_AUDIENCES as readonly string[]).includes(a));
    let exp = req.expirationSeconds;
    let warnAfter = 0;
    if (req.expirationSeconds === WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS && isKubeAudiences) {
      warnAfter = exp;
      exp = EXPIRATION_EXTENSION_SECONDS;
    }
    const kubernetes: Record<string, unknown> = { namespace: req.namespace };
    if (req.node) kubernetes.node = { name: req.node.name, uid: req.node.uid };
    if (req.pod) kubernetes.pod = { name: req.pod.name, uid: req.pod.uid };
    if (req.secret) kubernetes.secret = { name: req.secret.name, uid: req.secret.uid };
    kubernetes.serviceaccount = { name: sa.metadata.name, uid: sa.metadata.uid };
    if (warnAfter) kubernetes.warnafter = nowSeconds + warnAfter;
    return {
      aud: audiences,
      exp: nowSeconds + exp,
      iat: nowSeconds,
      iss: this.issuer,
      jti: this.tokenRng.uuid(),
      'kubernetes.io': kubernetes,
      nbf: nowSeconds,
      sub: serviceAccountUsername(req.namespace, req.serviceAccountName),
    };
  }

  /** `header.payload.signature`, each base64url without padding. */
  private sign(claims: Record<string, unknown>): string {
    const payload = base64url(JSON.stringify(claims));
    return `${this.header}.${payload}.${base64url(randomBytes(this.tokenRng, 256))}`;
  }
}

const issuers = new WeakMap<CoreCluster, ServiceAccountTokenIssuer>();

/** The issuer of `core` (made at its first use, in the cluster's region). */
export function serviceAccountTokenIssuer(core: CoreCluster): ServiceAccountTokenIssuer {
  let issuer = issuers.get(core);
  if (!issuer) {
    issuer = new ServiceAccountTokenIssuer(core, core.rng.fork(SERVICE_ACCOUNT_ISSUER_RNG), core.rng.fork(TOKEN_REQUEST_RNG), core.cloud?.region ?? 'us-east-1');
    issuers.set(core, issuer);
  }
  return issuer;
}
