/**
 * What the userland of the images kubesim knows does not ship: busybox, alpine and the curl image
 * (built on alpine) have busybox's `sh`/`ash` but no `bash`; curl only where `imageHasCurl` says.
 * For other images kubesim does not know their files, so nothing is said to be missing.
 */
import { imageHasCurl } from './curl-command.js';

/** Images whose userland is busybox's (normalized names, without tag). */
const BUSYBOX_USERLAND = [
  'busybox',
  'registry.k8s.io/busybox',
  'public.ecr.aws/docker/library/busybox',
  'alpine',
  'public.ecr.aws/docker/library/alpine',
  'curlimages/curl',
];

/** Images with a Debian-family or RHEL-family userland: bash, and no curl unless `imageHasCurl`. */
const DISTRO_USERLAND = ['debian', 'ubuntu', 'centos', 'amazonlinux', 'public.ecr.aws/amazonlinux/amazonlinux'];

/** Whether a container of `image` is known not to have `program`. */
export function imageLacks(image: string | undefined, program: string): boolean {
  if (image === undefined) return false;
  const name = image.replace(/[:@][^/]*$/, '');
  const busybox = BUSYBOX_USERLAND.includes(name);
  if (program === 'bash') return busybox;
  if (program === 'curl') return (busybox || DISTRO_USERLAND.includes(name)) && !imageHasCurl(image);
  return false;
}

/** runc's words for a program it cannot exec: a bare name is looked up in `$PATH`, a path is stat'ed. */
export function missingExecutable(program: string): string {
  return `exec: ${JSON.stringify(program)}: ${program.includes('/') ? `stat ${program}: no such file or directory` : 'executable file not found in $PATH'}`;
}

/** containerd's StartContainer error for a container whose program is not in the image (reason `StartError`). */
export function startErrorMessage(program: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${missingExecutable(program)}: unknown`;
}
