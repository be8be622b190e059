/**
 * `aws` command emulation: `runAws(ctx, argv)` parses one AWS CLI command line, runs it against
 * the simulated EC2 API and prints what AWS CLI v2 would: JSON (default), text or table output,
 * `--query` applied first; service errors on stderr with exit 254, usage errors with exit 252.
 * @see aws-cli awscli/clidriver.py
 */
import { Ec2Error } from '@kubesim/storage';
import { parseArgs } from './args.js';
import { type AwsContext, type AwsResult, cloudOf } from './context.js';
import { INSTANCE_COMMANDS } from './ec2-instances.js';
import { TAG_COMMANDS } from './ec2-tags.js';
import { type Ec2Command, VOLUME_COMMANDS } from './ec2-volumes.js';
import { EKS_COMMANDS } from './eks.js';
import { runWaiter, WaiterFailure, type WaiterResponse, WAITERS } from './ec2-waiters.js';
import { CLIENT_ERROR_RC, ParamError, ServiceError, USAGE_ERROR_RC, UsageError } from './errors.js';
import { JmesPathError, type Json, search } from './jmespath.js';
import { formatJson, formatTable, formatText } from './output.js';
import { formatYaml } from './yaml-output.js';

/** The `aws ec2` subcommands served. */
export const EC2_COMMANDS: Readonly<Record<string, Ec2Command>> = { ...VOLUME_COMMANDS, ...INSTANCE_COMMANDS, ...TAG_COMMANDS };

/** The services served, with their subcommands. */
const SERVICES: Readonly<Record<string, Readonly<Record<string, Ec2Command>>>> = { ec2: EC2_COMMANDS, eks: EKS_COMMANDS };

function fail(stderr: string, exitCode: number): AwsResult {
  return { stdout: '', stderr, exitCode };
}

/** Exit status of an error that is neither a usage nor a service error (a failed waiter). */
const GENERAL_ERROR_RC = 255;

/** `aws ec2 wait <waiter> [describe parameters]`: nothing printed on success. */
function runWait(ctx: AwsContext, argv: readonly string[]): AwsResult {
  const [name, ...rest] = argv;
  const waiter = name ? WAITERS[name] : undefined;
  if (!waiter) {
    const choices = Object.keys(WAITERS).sort().join('\n');
    throw new UsageError(name ? `argument subcommand: Invalid choice, valid choices are:\n\n${choices}` : 'the following arguments are required: subcommand');
  }
  const command = EC2_COMMANDS[waiter.command];
  const args = parseArgs(rest, command.params);
  const foreign = args.region !== undefined && args.region !== cloudOf(ctx).region;
  const describe = (): WaiterResponse => {
    try {
      return { ok: command.run(ctx, args, foreign) };
    } catch (e) {
      if (e instanceof Ec2Error) return { error: { code: e.code, message: e.message } };
      if (e instanceof ServiceError) return { error: { code: e.code, message: e.message } };
      throw e;
    }
  };
  try {
    runWaiter(waiter, describe, (ms) => ctx.advance?.(ms));
  } catch (e) {
    if (e instanceof WaiterFailure) return fail(`\n${e.message}\n`, GENERAL_ERROR_RC);
    throw e;
  }
  return { stdout: '', stderr: '', exitCode: 0 };
}

function render(value: Json, output: string, operation: string): string {
  if (value === null && output !== 'json') return '';
  if (output === 'text') return formatText(value);
  if (output === 'table') return formatTable(operation, value);
  if (output === 'yaml' || output === 'yaml-stream') return formatYaml(value);
  return formatJson(value);
}

/** Runs one `aws` command line (argv without the leading `aws`). */
export function runAws(ctx: AwsContext, argv: readonly string[]): AwsResult {
  const [service, operationName, ...rest] = argv;
  try {
    if (!service) throw new UsageError('the following arguments are required: command');
    const commands = SERVICES[service];
    if (!commands) {
      throw new UsageError(`argument command: Invalid choice, valid choices are:\n\n${Object.keys(SERVICES).join('\n')}`);
    }
    if (service === 'ec2' && operationName === 'wait') return runWait(ctx, rest);
    const command = operationName ? commands[operationName] : undefined;
    if (!command) {
      const choices = Object.keys(commands).sort().join('\n');
      throw new UsageError(operationName ? `argument operation: Invalid choice, valid choices are:\n\n${choices}` : 'the following arguments are required: operation');
    }
    const args = parseArgs(rest, command.params);
    const foreign = args.region !== undefined && args.region !== cloudOf(ctx).region;
    if (service === 'ec2' && args.params.get('dry-run') === true) {
      throw new ServiceError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
    }
    let result: Json;
    try {
      result = command.run(ctx, args, foreign);
    } catch (e) {
      if (e instanceof Ec2Error) throw new ServiceError(e.code, e.message);
      throw e;
    }
    if (result === null) return { stdout: '', stderr: '', exitCode: 0 };
    if (command.prints) return { stdout: String(result), stderr: '', exitCode: 0 };
    const shown = args.query !== undefined ? search(args.query, result) : result;
    return { stdout: render(shown, args.output ?? 'json', command.operation), stderr: '', exitCode: 0 };
  } catch (e) {
    if (e instanceof UsageError || e instanceof ParamError) return fail(e.render(), USAGE_ERROR_RC);
    if (e instanceof ServiceError) return fail(e.render(SERVICES[service ?? '']?.[operationName ?? '']?.operation ?? ''), CLIENT_ERROR_RC);
    if (e instanceof JmesPathError) return fail(`\n${e.message}\n`, USAGE_ERROR_RC);
    throw e;
  }
}
