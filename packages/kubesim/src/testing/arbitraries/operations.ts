/**
 * Command arbitraries for `fc.commands`: one per operation of the space, each with small integer
 * arguments (workload/node/zone index, replicas, pod index, minutes) that shrink toward 0/1.
 */
import fc from 'fast-check';
import { FuzzCommand } from '../runner/commands.js';
import type { FuzzModel, FuzzReal } from '../runner/world.js';
import { type FuzzSpace, type OperationName, resolveSpace } from './space.js';

function argArb(op: OperationName, maxReplicas: number): fc.Arbitrary<number> {
  if (op === 'advance') return fc.integer({ min: 1, max: 10 });
  if (op === 'scale' || op === 'apply') return fc.integer({ min: 1, max: Math.max(1, maxReplicas) });
  return fc.nat({ max: 3 });
}

/** One command arbitrary per operation of the space. */
export function commandArbs(spaceOptions: FuzzSpace = {}): fc.Arbitrary<fc.Command<FuzzModel, FuzzReal>>[] {
  const space = resolveSpace(spaceOptions);
  return space.operations.map((op) =>
    fc.record({ target: fc.nat({ max: 3 }), arg: argArb(op, space.maxReplicas) }).map(({ target, arg }) => new FuzzCommand({ op, target, arg })),
  );
}

/**
 * The command-sequence arbitrary (`fc.commands`), at most `maxCommands` long.
 * @remarks Replaying a shrunk command list from `{ seed, path }` also needs the `replayPath`
 * fast-check records while shrinking (failure reports print it).
 */
export function commandsArb(spaceOptions: FuzzSpace = {}, replayPath?: string): fc.Arbitrary<Iterable<fc.Command<FuzzModel, FuzzReal>>> {
  const space = resolveSpace(spaceOptions);
  return fc.commands(commandArbs(space), replayPath ? { maxCommands: space.maxCommands, replayPath } : { maxCommands: space.maxCommands });
}

/** The `replayPath` fast-check printed with a command list (`/*replayPath="…"*\/`), if any. */
export function replayPathOf(commands: Iterable<unknown>): string | undefined {
  return /replayPath="([^"]*)"/.exec(String(commands))?.[1];
}
