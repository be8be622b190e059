/**
 * `kubectl cluster-info`: the control plane's address, then each Service labelled
 * `kubernetes.io/cluster-service=true` in the namespace (`kube-system` unless `-n`), through the
 * API server's service proxy. The names and links are coloured with ANSI codes whatever the output
 * is: go-colortext writes them to the process's standard output itself.
 * @see kubectl pkg/cmd/clusterinfo/clusterinfo.go, github.com/daviddengcn/go-colortext ct_ansi.go
 */
import { type KubeObject, serviceAccountTokenIssuer } from '@kubesim/core';
import type { Service } from 'kubernetes-types/core/v1';
import type { Command } from '../command.js';
import { clientError } from '../errors.js';

/** go-colortext's `ChangeColor(ct.Green, false, …)`, `ChangeColor(ct.Yellow, false, …)` and `ResetColor()`. */
const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

/** The label `cluster-info` selects Services by. */
export const CLUSTER_SERVICE_LABEL = 'kubernetes.io/cluster-service';

/** `printService`. */
function serviceLine(name: string, link: string): string {
  return `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`;
}

/** `utilnet.JoinSchemeNamePort`. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  return port ? `${name}:${port}` : name;
}

/** The link `cluster-info` prints for a Service: its load balancer's ports, or the API server's proxy path. */
function serviceLink(host: string, svc: Service): string {
  const ingress = svc.status?.loadBalancer?.ingress?.[0];
  if (ingress) {
    const ip = ingress.ip || ingress.hostname || '';
    return (svc.spec?.ports ?? []).map((p) => `http://${ip}:${p.port} `).join('');
  }
  let name = svc.metadata?.name ?? '';
  const port = svc.spec?.ports?.[0];
  if (port) name = joinSchemeNamePort(port.name === 'https' || port.port === 443 ? 'https' : '', name, port.name ?? '');
  return `${host}/api/v1/namespaces/${svc.metadata?.namespace}/services/${name}/proxy`;
}

/** `kubectl cluster-info`. */
export const clusterInfoCommand: Command = {
  flags: [],
  run(inv) {
    if (inv.args.args[0] === 'dump') throw clientError('kubesim does not model cluster-info dump; use kubectl get and describe');
    const namespace = inv.args.string('namespace') || 'kube-system';
    const host = serviceAccountTokenIssuer(inv.ctx.core).endpoint;
    let out = serviceLine('Kubernetes control plane', host);
    const services = inv.ctx.core.store
      .list<KubeObject & Service & { metadata: { name: string } }>('Service', namespace)
      .filter((s) => s.metadata.labels?.[CLUSTER_SERVICE_LABEL] === 'true')
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    for (const svc of services) out += serviceLine(svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name, serviceLink(host, svc));
    inv.out(`${out}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    return 0;
  },
};
