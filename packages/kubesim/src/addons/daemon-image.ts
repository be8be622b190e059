/**
 * The behaviour of a system daemon's image (CoreDNS, kube-proxy, the VPC CNI, the EBS CSI driver's
 * containers): a process that runs until stopped, writes its start-up lines to the log, answers
 * its health endpoints over HTTP and ships the programs its exec probes run.
 */
import type { HttpResponse, ImageBehaviour, ImageProgram } from '@kubesim/core';

/** What a daemon image does. */
export interface DaemonImageOptions {
  /** Compressed size, as the `Pulled` event reports it. */
  readonly sizeBytes: number;
  /** Lines the process logs when it starts. */
  readonly startLog?: readonly string[];
  /** Answers by port, then path: what its health and metrics endpoints serve. */
  readonly serves?: Readonly<Record<number, Readonly<Record<string, HttpResponse>>>>;
  /** Programs the image ships beyond busybox's, by file name. */
  readonly programs?: Readonly<Record<string, ImageProgram>>;
  /** ms the process needs to exit after SIGTERM (undefined: it ignores it until killed). */
  readonly sigtermExitMs?: number;
}

const NOT_FOUND: HttpResponse = { status: 404, body: '404 page not found\n' };

/** An image whose process runs until stopped. */
export function daemonImage(options: DaemonImageOptions): ImageBehaviour {
  return {
    sizeBytes: options.sizeBytes,
    ...(options.programs ? { programs: options.programs } : {}),
    ...(options.sigtermExitMs === undefined ? {} : { sigtermExitMs: options.sigtermExitMs, stopExitCode: 0 }),
    start(ctx) {
      for (const line of options.startLog ?? []) ctx.log(line);
      return { kind: 'running' };
    },
    http(_ctx, port, path) {
      const paths = options.serves?.[port];
      return paths ? (paths[path] ?? NOT_FOUND) : undefined;
    },
  };
}
