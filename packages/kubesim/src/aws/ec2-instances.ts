/**
 * `aws ec2` instance commands: describe-instances through the CloudProvider, and
 * stop/start/terminate-instances through the cluster's lifecycle hooks.
 * @see AWS CLI reference `aws ec2 describe-instances`, `stop-instances`; EC2 API InstanceStateChange
 */
import type { InstanceInfo, InstanceState } from '@kubesim/core';
import type { ParsedArgs } from './args.js';
import { type AwsContext, cliTime, cloudOf, type InstanceLifecycleHooks } from './context.js';
import type { Ec2Command } from './ec2-volumes.js';
import { ServiceError } from './errors.js';
import type { Json } from './jmespath.js';
import { type Filter, parseFilters } from './shorthand.js';

/** EC2 instance state codes (`InstanceState.Code`). */
export const STATE_CODES: Readonly<Record<InstanceState, number>> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

function stateShape(state: InstanceState): Json {
  return { Code: STATE_CODES[state], Name: state };
}

function instanceShape(ctx: AwsContext, i: InstanceInfo): Json {
  const mappings = ctx.ec2.attachedTo(i.instanceId).flatMap((id) => {
    const a = ctx.ec2.volume(id)?.attachments.find((x) => x.instanceId === i.instanceId);
    return a
      ? [{ DeviceName: a.device, Ebs: { AttachTime: cliTime(ctx, a.attachTimeMs), DeleteOnTermination: false, Status: a.state, VolumeId: id } }]
      : [];
  });
  return {
    AmiLaunchIndex: 0,
    ImageId: 'ami-0c2b8ca1dad447f8a',
    InstanceId: i.instanceId,
    InstanceType: i.instanceType,
    LaunchTime: cliTime(ctx, i.launchTimeMs),
    Monitoring: { State: 'disabled' },
    Placement: { AvailabilityZone: i.zone, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: i.state === 'terminated' ? '' : i.nodeName,
    PrivateIpAddress: i.privateIp,
    ProductCodes: [],
    PublicDnsName: '',
    State: stateShape(i.state),
    StateTransitionReason: '',
    Architecture: 'x86_64',
    BlockDeviceMappings: mappings,
    EbsOptimized: false,
    Hypervisor: 'xen',
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    VirtualizationType: 'hvm',
  };
}

function instanceValues(i: InstanceInfo, name: string): string[] {
  switch (name) {
    case 'instance-id':
      return [i.instanceId];
    case 'instance-state-name':
      return [i.state];
    case 'instance-state-code':
      return [String(STATE_CODES[i.state])];
    case 'availability-zone':
      return [i.zone];
    case 'instance-type':
      return [i.instanceType];
    case 'private-dns-name':
      return [i.nodeName];
    case 'private-ip-address':
      return [i.privateIp];
    default:
      return [];
  }
}

function matches(i: InstanceInfo, filters: readonly Filter[]): boolean {
  return filters.every((f) => f.Values.some((v) => instanceValues(i, f.Name).some((x) => (v.includes('*') ? new RegExp(`^${v.replace(/\*/g, '.*')}$`).test(x) : v === x))));
}

function ids(args: ParsedArgs): string[] {
  const v = args.params.get('instance-ids');
  return Array.isArray(v) ? v.flatMap((w) => w.split(/[\s,]+/).filter(Boolean)) : [];
}

function notFound(id: string): ServiceError {
  return new ServiceError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
}

function lookup(ctx: AwsContext, wanted: readonly string[], foreign: boolean): InstanceInfo[] {
  return wanted.map((id) => {
    const i = foreign ? undefined : cloudOf(ctx).getInstance(id);
    if (!i) throw notFound(id);
    return i;
  });
}

type Action = 'stop' | 'start' | 'terminate';

const TRANSITION: Readonly<Record<Action, InstanceState>> = { stop: 'stopping', start: 'pending', terminate: 'shutting-down' };
const ALLOWED_FROM: Readonly<Record<Action, readonly InstanceState[]>> = {
  stop: ['pending', 'running', 'stopping', 'stopped'],
  start: ['pending', 'running', 'stopping', 'stopped'],
  terminate: ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'],
};

/** Calls a lifecycle hook; its errors become the EC2 errors the CLI prints. */
function callHook(hooks: InstanceLifecycleHooks, action: Action, instanceId: string, force: boolean): void {
  try {
    if (action === 'stop') hooks.stop(instanceId, force);
    else if (action === 'start') hooks.start(instanceId);
    else hooks.terminate(instanceId);
  } catch (e) {
    const message = (e as Error).message;
    if (/does not exist/.test(message)) throw new ServiceError('InvalidInstanceID.NotFound', message);
    throw new ServiceError('IncorrectInstanceState', message);
  }
}

function lifecycle(action: Action, operation: string, resultKey: string): Ec2Command {
  return {
    operation,
    params: [
      { name: 'instance-ids', kind: 'list', required: true },
      ...(action === 'stop' ? [{ name: 'force', kind: 'boolean' as const }, { name: 'hibernate', kind: 'boolean' as const }] : []),
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const hooks = ctx.instances;
      if (!hooks) throw new ServiceError('UnsupportedOperation', `${operation} is not available in this simulation.`);
      const instances = lookup(ctx, ids(args), foreign);
      for (const i of instances) {
        if (!ALLOWED_FROM[action].includes(i.state)) {
          const verb = action === 'stop' ? 'stopped' : 'started';
          throw new ServiceError('IncorrectInstanceState', `The instance '${i.instanceId}' is not in a state from which it can be ${verb}.`);
        }
      }
      const changes = instances.map((before) => {
        const settled = action === 'stop' ? 'stopped' : action === 'start' ? 'running' : 'terminated';
        if (before.state !== settled) callHook(hooks, action, before.instanceId, args.params.get('force') === true);
        const after = cloudOf(ctx).getInstance(before.instanceId)?.state ?? before.state;
        const current = before.state === settled ? settled : after !== before.state ? after : TRANSITION[action];
        return { CurrentState: stateShape(current), InstanceId: before.instanceId, PreviousState: stateShape(before.state) };
      });
      return { [resultKey]: changes };
    },
  };
}

/** The instance commands by CLI name. */
export const INSTANCE_COMMANDS: Readonly<Record<string, Ec2Command>> = {
  'describe-instances': {
    operation: 'DescribeInstances',
    params: [
      { name: 'instance-ids', kind: 'list' },
      { name: 'filters', kind: 'list' },
      { name: 'max-results', kind: 'integer' },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const wanted = ids(args);
      const filters = parseFilters(Array.isArray(args.params.get('filters')) ? (args.params.get('filters') as string[]) : []);
      const base = wanted.length ? lookup(ctx, wanted, foreign) : foreign ? [] : [...cloudOf(ctx).instances()];
      const list = base.filter((i) => matches(i, filters));
      return {
        Reservations: list.map((i) => ({
          Groups: [],
          Instances: [instanceShape(ctx, i)],
          OwnerId: ctx.ec2.accountId,
          ReservationId: `r-${i.instanceId.slice(2)}`,
        })),
      };
    },
  },
  'stop-instances': lifecycle('stop', 'StopInstances', 'StoppingInstances'),
  'start-instances': lifecycle('start', 'StartInstances', 'StartingInstances'),
  'terminate-instances': lifecycle('terminate', 'TerminateInstances', 'TerminatingInstances'),
};
