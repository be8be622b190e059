/**
 * `kubectl config set PROPERTY VALUE` and `kubectl config unset PROPERTY`: a dotted path into the
 * kubeconfig (`contexts.dev.namespace`, `clusters.my.server`, `current-context`), where a map key
 * may itself contain dots (`clusters.10.0.0.1.server`: the key runs until a field of the entry).
 * Entries named on the way are created by `set`. The fields kubesim's kubeconfig does not keep
 * (client certificates, exec plugins, extensions…) are refused by name.
 * @see kubectl pkg/cmd/config/set.go (modifyConfig, toBool), unset.go,
 *   navigation_step_parser.go (newNavigationSteps, findNameStep); client-go clientcmd/api/types.go
 */
import { clientError } from '../errors.js';
import type { Kubeconfig, KubeconfigCluster, KubeconfigContext, KubeconfigUser } from '../kubeconfig.js';

/** The texts of `config set` and `config unset`. */
export const ConfigSetMessages = {
  set: (path: string) => `Property ${JSON.stringify(path)} set.\n`,
  unset: (path: string) => `Property ${JSON.stringify(path)} unset.\n`,
  emptyValue: 'you cannot use set to unset a property',
  noProperty: 'you must specify a property',
  invalidMapKey: (key: string) => `current map key \`${key}\` is invalid`,
  setMap: 'can\'t set a map to a value',
  parseBool: (v: string) => `strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`,
  badBase64: (at: number) => `error decoding input value: illegal base64 data at input byte ${at}`,
  unknownPath: (path: string) => `unable to parse ${path}: no such kubeconfig field`,
  notModelled: (field: string) => `kubesim does not model the kubeconfig field ${JSON.stringify(field)}`,
} as const;
const M = ConfigSetMessages;

/** The json names of each entry type's fields (`getPotentialTypeValues`); those kubesim keeps are mapped to the model's. */
const CLUSTER_FIELDS: Readonly<Record<string, keyof KubeconfigCluster | null>> = {
  server: 'server',
  'tls-server-name': 'tlsServerName',
  'insecure-skip-tls-verify': 'insecureSkipTlsVerify',
  'certificate-authority': null,
  'certificate-authority-data': 'certificateAuthorityData',
  'proxy-url': null,
  'disable-compression': null,
  extensions: null,
};
const USER_FIELDS: Readonly<Record<string, keyof KubeconfigUser | null>> = {
  'client-certificate': null,
  'client-certificate-data': null,
  'client-key': null,
  'client-key-data': null,
  token: 'token',
  tokenFile: null,
  as: null,
  'as-uid': null,
  'as-groups': null,
  'as-user-extra': null,
  username: 'username',
  password: 'password',
  'auth-provider': null,
  exec: null,
  extensions: null,
};
const CONTEXT_FIELDS: Readonly<Record<string, keyof KubeconfigContext | null>> = { cluster: 'cluster', user: 'user', namespace: 'namespace', extensions: null };

type Section = 'clusters' | 'users' | 'contexts';
const SECTIONS: Readonly<Record<Section, Readonly<Record<string, string | null>>>> = { clusters: CLUSTER_FIELDS, users: USER_FIELDS, contexts: CONTEXT_FIELDS };

/** `findNameStep`: the map key is every part up to the first that names a field of the entry type. */
function splitKey(parts: readonly string[], fields: Readonly<Record<string, unknown>>): { key: string; rest: string[] } {
  let n = parts.length;
  for (let i = 1; i < parts.length; i++) {
    if (Object.hasOwn(fields, parts[i])) {
      n = i;
      break;
    }
  }
  return { key: parts.slice(0, n).join('.'), rest: parts.slice(n) };
}

/** Index of the first byte Go's `base64.StdEncoding` refuses, or -1. */
function badBase64At(s: string): number {
  for (let i = 0; i < s.length; i++) if (!/[A-Za-z0-9+/=]/.test(s[i])) return i;
  if (s.length % 4 !== 0) return s.length - (s.length % 4);
  return -1;
}

/** `config set` (`value` given) or `config unset` (`value` undefined) of `path` in `cfg`; the line kubectl prints. */
export function setProperty(cfg: Kubeconfig, path: string, value: string | undefined): string {
  const unset = value === undefined;
  if (!unset && value.length === 0) throw clientError(M.emptyValue);
  if (path.length === 0) throw clientError(M.noProperty);
  const parts = path.split('.');
  if (parts[0] === 'current-context' && parts.length === 1) {
    cfg.currentContext = unset ? '' : value;
    return unset ? M.unset(path) : M.set(path);
  }
  const section = parts[0] as Section;
  const fields = SECTIONS[section];
  if (!fields) {
    if (['kind', 'apiVersion', 'preferences', 'extensions'].includes(parts[0])) throw clientError(M.notModelled(parts[0]));
    throw clientError(M.unknownPath(path));
  }
  const map = cfg[section] as Map<string, Record<string, unknown>>;
  if (parts.length === 1) {
    if (!unset) throw clientError(M.setMap);
    map.clear();
    return M.unset(path);
  }
  const { key, rest } = splitKey(parts.slice(1), fields);
  if (rest.length === 0) {
    if (!unset) throw clientError(M.setMap);
    map.delete(key);
    return M.unset(path);
  }
  const fieldName = rest[0];
  if (!Object.hasOwn(fields, fieldName)) throw clientError(M.unknownPath(path));
  const field = fields[fieldName];
  if (field === null) throw clientError(M.notModelled(fieldName));
  if (rest.length > 1) throw clientError(M.unknownPath(path));
  let entry = map.get(key);
  if (!entry) {
    if (unset) throw clientError(M.invalidMapKey(key));
    entry = section === 'users' ? {} : section === 'clusters' ? { server: '' } : { cluster: '', user: '' };
  }
  const next: Record<string, unknown> = { ...entry };
  if (unset) {
    if (field === 'server' || field === 'cluster' || field === 'user') next[field] = '';
    else delete next[field];
  } else if (field === 'insecureSkipTlsVerify') {
    if (!/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(value)) throw clientError(M.parseBool(value));
    const on = /^(1|t|T|TRUE|true|True)$/.test(value);
    if (on) next[field] = true;
    else delete next[field];
  } else if (field === 'certificateAuthorityData') {
    const at = badBase64At(value);
    if (at >= 0) throw clientError(M.badBase64(at));
    next[field] = value;
  } else next[field] = value;
  map.set(key, next);
  return unset ? M.unset(path) : M.set(path);
}
