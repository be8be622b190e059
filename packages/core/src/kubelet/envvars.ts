/**
 * Service links: the Docker-link style variables a container gets for each Service it can see
 * (`<NAME>_SERVICE_HOST`, `<NAME>_SERVICE_PORT`, `<NAME>_PORT_<port>_<PROTO>_ADDR`…).
 * @see kubernetes pkg/kubelet/envvars/envvars.go
 */
import type { Service } from 'kubernetes-types/core/v1';

/** One environment variable. */
export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

/** `v1helper.IsServiceIPSet`: a ClusterIP that is neither empty nor `None` (headless). */
export function isServiceIPSet(service: Service): boolean {
  const ip = service.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

/** `makeEnvVariableName`: `-` to `_`, upper case (a leading digit stays: `80-80` → `80_80`). */
export function makeEnvVariableName(str: string): string {
  return str.replaceAll('-', '_').toUpperCase();
}

/** `net.JoinHostPort`: an IPv6 address in brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `makeLinkVariables`: `_PORT` for the first port, then per port `_PORT_<n>_<PROTO>` and its parts. */
function makeLinkVariables(service: Service): EnvVar[] {
  const prefix = makeEnvVariableName(service.metadata?.name ?? '');
  const ip = service.spec?.clusterIP ?? '';
  const all: EnvVar[] = [];
  (service.spec?.ports ?? []).forEach((sp, i) => {
    const protocol = sp.protocol || 'TCP';
    const url = `${protocol.toLowerCase()}://${joinHostPort(ip, sp.port)}`;
    // Docker special-cases the first port.
    if (i === 0) all.push({ name: `${prefix}_PORT`, value: url });
    const portPrefix = `${prefix}_PORT_${sp.port}_${protocol.toUpperCase()}`;
    all.push(
      { name: portPrefix, value: url },
      { name: `${portPrefix}_PROTO`, value: protocol.toLowerCase() },
      { name: `${portPrefix}_PORT`, value: String(sp.port) },
      { name: `${portPrefix}_ADDR`, value: ip },
    );
  });
  return all;
}

/**
 * `FromServices`: the variables for each Service with a ClusterIP, in the order given: host,
 * first port, each named port, then the link variables.
 */
export function fromServices(services: readonly Service[]): EnvVar[] {
  const result: EnvVar[] = [];
  for (const service of services) {
    if (!isServiceIPSet(service)) continue;
    const ports = service.spec?.ports ?? [];
    const base = makeEnvVariableName(service.metadata?.name ?? '');
    result.push({ name: `${base}_SERVICE_HOST`, value: service.spec?.clusterIP ?? '' });
    const name = `${base}_SERVICE_PORT`;
    // Validation requires a port on every Service with a ClusterIP.
    if (ports.length > 0) result.push({ name, value: String(ports[0].port) });
    // All named ports (only the first may be unnamed, checked in validation).
    for (const sp of ports) if (sp.name) result.push({ name: `${name}_${makeEnvVariableName(sp.name)}`, value: String(sp.port) });
    result.push(...makeLinkVariables(service));
  }
  return result;
}
