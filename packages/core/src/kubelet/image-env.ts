/**
 * The environment a container's process finally sees: containerd's defaults (`PATH`, `TERM` for a
 * tty, `HOSTNAME`), the image's `ENV`, the kubelet's variables, and the `HOME` runc adds.
 *
 * Design: one ordered map with "replace in place, else append", which is what the chain does:
 * containerd builds `process.env` with `replaceOrAppendEnvValues` (image env first so container
 * env overrides it), and runc's init sets each entry in turn (a name seen twice keeps its first
 * place and its last value) before adding `HOME` if it is unset or empty.
 * @see containerd internal/cri/server/container_create_linux.go (containerSpec), pkg/oci/spec_opts.go
 * (WithDefaultPathEnv, WithTTY, WithEnv, replaceOrAppendEnvValues); runc libcontainer/init_linux.go setupUser
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { EnvVar } from './envvars.js';
import { normalizeImage } from './images.js';

/** containerd's `defaultUnixEnv` PATH, also the `ENV PATH` of busybox and the Debian-based official images. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** runc's `HOME` for a user missing from the image's /etc/passwd (`defaultExecUser.Home`). */
const HOME_UNKNOWN_USER = '/';
/** `HOME` of root in the /etc/passwd of busybox and the Debian-based images. */
const HOME_ROOT = '/root';

/**
 * `docker.io/library/nginx:1.27.5` (Debian bookworm), the `nginx`/`nginx:latest` of May 2025:
 * its image config's `Env` as `docker image inspect` / `skopeo inspect --config` print it.
 */
const NGINX_1_27_5_ENV: readonly EnvVar[] = [
  { name: 'PATH', value: DEFAULT_PATH },
  { name: 'NGINX_VERSION', value: '1.27.5' },
  { name: 'NJS_VERSION', value: '0.8.10' },
  { name: 'NJS_RELEASE', value: '1~bookworm' },
  { name: 'PKG_RELEASE', value: '1~bookworm' },
  { name: 'DYNPKG_RELEASE', value: '1~bookworm' },
];

/**
 * Image config `Env` of the images kubesim knows, by normalised name (tag included when pinned).
 * Any other image gets `PATH` only: busybox's exact `Env`, and containerd's default for an image
 * without one (such as a `FROM scratch` Go binary).
 */
const IMAGE_ENV: ReadonlyMap<string, readonly EnvVar[]> = new Map([
  ['nginx', NGINX_1_27_5_ENV],
  ['nginx:1.27', NGINX_1_27_5_ENV],
  ['nginx:1.27.5', NGINX_1_27_5_ENV],
]);

/** The `Env` of an image's config (`PATH` for any image kubesim has no table entry for). */
export function imageEnv(image: string): readonly EnvVar[] {
  return IMAGE_ENV.get(normalizeImage(image)) ?? [{ name: 'PATH', value: DEFAULT_PATH }];
}

/** The UID the process runs as: the container's `runAsUser`, else the pod's, else the image's (root). */
function runAsUser(pod: Pod, container: Container): number {
  return container.securityContext?.runAsUser ?? pod.spec?.securityContext?.runAsUser ?? 0;
}

/**
 * The process environment of a container: `PATH`, `TERM=xterm` with `tty: true`, `HOSTNAME`, the
 * image's env, the kubelet's `env` (each replacing a same-named entry in its place, else appended),
 * then `HOME` unless set to something non-empty.
 * @remarks `HOME` is `/root` for root and `/` for any other UID (modelled: the images kubesim
 * knows list only root and system users in /etc/passwd).
 */
export function containerProcessEnv(pod: Pod, container: Container, hostname: string, kubeletEnv: readonly EnvVar[]): Record<string, string> {
  const env = new Map<string, string>([['PATH', DEFAULT_PATH]]);
  if (container.tty) env.set('TERM', 'xterm');
  env.set('HOSTNAME', hostname);
  for (const e of imageEnv(container.image ?? '')) env.set(e.name, e.value);
  for (const e of kubeletEnv) env.set(e.name, e.value);
  if (!env.get('HOME')) env.set('HOME', runAsUser(pod, container) === 0 ? HOME_ROOT : HOME_UNKNOWN_USER);
  return Object.fromEntries(env);
}
