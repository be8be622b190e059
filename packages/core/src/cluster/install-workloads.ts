/**
 * Installs the cluster's machinery on the kernel: the cloud model and its nodes, the kubelets,
 * the node lifecycle and taint-eviction controllers, pod GC, the AWS cloud node lifecycle and the
 * faults API. (The workload controllers are installed here too by their own installer.)
 */
import { CloudNodeLifecycleController } from '../cloud/cloud-node-lifecycle.js';
import { Ec2Cloud } from '../cloud/ec2-cloud.js';
import { normalizeTopology, type TopologyOptions } from '../cloud/topology.js';
import { KubernetesServiceController } from '../controllers/endpoints/kubernetes-service.js';
import { installControllers } from '../controllers/install-controllers.js';
import { NodeLifecycleController } from '../controllers/node-lifecycle/node-lifecycle-controller.js';
import { TaintEvictionController } from '../controllers/node-lifecycle/taint-eviction.js';
import { PodGcController } from '../controllers/pod-gc/pod-gc.js';
import { createFaults, type Faults } from '../faults/faults.js';
import type { ExecResult } from '../kubelet/exec.js';
import { podGracePeriodSeconds } from '../kubelet/graceful-delete.js';
import type { HttpResponse, ImageBehaviour } from '../kubelet/images.js';
import type { Kubelet } from '../kubelet/kubelet.js';
import { type LogsOptions, NodeAgents } from '../kubelet/node-agents.js';
import type { CoreCluster } from './core-cluster.js';

/** What `installWorkloads` returns. */
export interface Workloads {
  readonly cloud: Ec2Cloud;
  /** Kubelets by node name. */
  readonly kubelets: ReadonlyMap<string, Kubelet>;
  readonly agents: NodeAgents;
  readonly nodeLifecycle: NodeLifecycleController;
  /** Registers the behaviour of an image (`errm/randserver` is built in). */
  registerImage(name: string, behaviour: ImageBehaviour): void;
  /** Runs a command in a container (`kubectl exec`), `stdin` its standard input; container undefined = the first. */
  exec(namespace: string, pod: string, container: string | undefined, argv: readonly string[], stdin?: string): ExecResult;
  /** Sends an attached client's standard input to a running container (`kubectl run -i`); an error text when it cannot. */
  attachStdin(namespace: string, pod: string, container: string | undefined, text: string): string | undefined;
  /** An HTTP request to a pod port (port-forward). */
  http(namespace: string, pod: string, port: number, path?: string): HttpResponse;
  /** Container logs (`kubectl logs`). */
  logs(namespace: string, pod: string, container?: string, options?: LogsOptions): string;
  readonly faults: Faults;
}

/**
 * Builds the cloud and nodes from the topology and installs the node-side components.
 * @remarks Sets `core.cloud`. Nodes exist (Ready) as soon as this returns.
 */
export function installWorkloads(core: CoreCluster, options: TopologyOptions = {}): Workloads {
  const topology = normalizeTopology(options);
  const cloud = new Ec2Cloud(topology.region, topology.zones, core.loop, core.rng.fork('cloud'), core.rng.fork('cloud/pod-ips'));
  core.cloud = cloud;
  core.api.registerGracefulDelete('Pod', podGracePeriodSeconds);
  const agents = new NodeAgents(core, cloud);
  const nodeLifecycle = new NodeLifecycleController(core, agents);
  agents.onKubeletSilenced((nodeName) => nodeLifecycle.kubeletSilenced(nodeName));
  new TaintEvictionController(core);
  new PodGcController(core);
  const controllers = installControllers(core);
  new KubernetesServiceController(core, controllers.clusterIps, cloud);
  new CloudNodeLifecycleController(core, cloud);
  for (const group of topology.nodes) {
    for (let i = 0; i < group.count; i++) agents.register(cloud.launch(group.zone, group.instanceType));
  }
  return {
    cloud,
    kubelets: agents.kubelets,
    agents,
    nodeLifecycle,
    registerImage: (name, behaviour) => agents.images.register(name, behaviour),
    exec: (namespace, pod, container, argv, stdin) => agents.exec(namespace, pod, container, argv, stdin),
    http: (namespace, pod, port, path) => agents.http(namespace, pod, port, path),
    attachStdin: (namespace, pod, container, text) => agents.attachStdin(namespace, pod, container, text),
    logs: (namespace, pod, container, opts) => agents.logs(namespace, pod, container, opts),
    faults: createFaults(cloud, agents),
  };
}
