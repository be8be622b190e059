/**
 * AWS CLI failures: usage errors (exit 252) and service errors (exit 254), in the CLI's words.
 * @see aws-cli awscli/clidriver.py, awscli/constants.py (PARAM_VALIDATION_ERROR_RC 252,
 *      CLIENT_ERROR_RC 254)
 */

/** Exit status of a usage/parse error. */
export const USAGE_ERROR_RC = 252;
/** Exit status of a service (client) error. */
export const CLIENT_ERROR_RC = 254;

const USAGE = `
usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
To see help text, you can run:

  aws help
  aws <command> help
  aws <command> <subcommand> help

`;

/** A command-line usage error (argparse style). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** `aws: error: <message>` (argparse) or a bare line (`Unknown options: …`). */
    readonly bare = false,
  ) {
    super(message);
  }

  /** The stderr text. */
  render(): string {
    return `${USAGE}${this.bare ? this.message : `aws: error: ${this.message}`}\n`;
  }
}

/**
 * A parameter the CLI could not parse or botocore's validation refused (`Error parsing parameter
 * '--filters': …`, `Parameter validation failed:` with one line per problem): printed after a
 * blank line, without the usage text, exit 252.
 */
export class ParamError extends Error {
  override readonly name = 'ParamError';

  /** The stderr text. */
  render(): string {
    return `\n${this.message}\n`;
  }
}

/** A service error: `An error occurred (<code>) when calling the <Operation> operation: <message>`. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The stderr text for an operation. */
  render(operation: string): string {
    return `\nAn error occurred (${this.code}) when calling the ${operation} operation: ${this.message}\n`;
  }
}
