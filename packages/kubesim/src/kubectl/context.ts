/**
 * What the kubectl emulation runs against: the cluster kernel plus optional hooks the umbrella
 * wires (container exec, logs, HTTP into a pod, the workstation's files).
 */
import type { CoreCluster, LogsOptions } from '@kubesim/core';
import type { LocalFiles } from './local-files.js';

/** Result of a command run in a container. */
export interface ExecResult {
  readonly stdout: string;
  readonly stderr?: string;
  readonly exitCode: number;
  /** The runtime could not start the program (the API server's error text; kubectl prints `error: …`). */
  readonly execError?: string;
}

/**
 * The cluster and the hooks kubectl needs.
 * @remarks Only `core` is required; without `exec`/`logs`/`http` the matching commands report
 * that the cluster does not support them (or print nothing, for logs). Time moves through
 * `core.loop` directly.
 */
export interface KubectlContext {
  readonly core: CoreCluster;
  /** Runs `argv` in a container (`kubectl exec`) with `stdin` as its standard input (`-i`); undefined container = the first one. */
  exec?(namespace: string, pod: string, container: string | undefined, argv: readonly string[], stdin?: string): ExecResult;
  /** Sends an attached client's standard input to a running container (`kubectl run -i`); an error text when it cannot. */
  attach?(namespace: string, pod: string, container: string | undefined, stdin: string): string | undefined;
  /** The container's log (`kubectl logs`). */
  logs?(namespace: string, pod: string, container: string | undefined, options?: LogsOptions): string;
  /** What an HTTP GET on the pod's port returns (`kubectl port-forward` + a browser). */
  http?(namespace: string, pod: string, port: number, path: string): { status: number; body: string };
  /** The workstation's files (`-f FILE`, `--from-file`, `--patch-file`, `kubectl cp`); none without. */
  readonly files?: LocalFiles;
  /** The EKS cluster's name, in the kubeconfig's context (default `kubesim`). */
  readonly clusterName?: string;
}

/** What one kubectl invocation prints. */
export interface KubectlResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** For `port-forward`: what a browser on the forwarded local port shows. */
  readonly browser?: string;
}

/** Options of one invocation. */
export interface KubectlOptions {
  readonly stdin?: string;
  /**
   * The editor `kubectl edit` runs: the temporary file's text and path in, the saved text out
   * (called again with the failures in the header when a save does not go through).
   */
  readonly editor?: KubectlEditor;
}

/** What `kubectl edit` runs as `$KUBE_EDITOR`: the file's text and path → the saved text. */
export type KubectlEditor = (text: string, file: string) => string;
