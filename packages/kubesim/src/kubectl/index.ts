/**
 * The kubectl emulation: `runKubectl(ctx, argv, { stdin })` and the context it needs.
 */
export type { ExecResult, KubectlContext, KubectlEditor, KubectlOptions, KubectlResult } from './context.js';
export { runKubectl, COMMANDS } from './run.js';
export { humanDuration } from './duration.js';
export { tabwrite } from './tabwriter.js';
export { describeObject } from './commands/describe.js';
