/** The `aws` command emulation (EC2 volumes, snapshots and instances). */
export { type AwsContext, type AwsResult, cliTime, type InstanceLifecycleHooks } from './context.js';
export { EC2_COMMANDS, runAws } from './run-aws.js';
export { CLIENT_ERROR_RC, USAGE_ERROR_RC } from './errors.js';
export { search as jmespathSearch, type Json } from './jmespath.js';
export { formatJson, formatTable, formatText, type OutputFormat } from './output.js';
export { formatYaml } from './yaml-output.js';
