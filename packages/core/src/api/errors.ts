/**
 * API errors as the API server returns them: a machine-readable `reason`, an HTTP code, field
 * causes, and the exact message texts of apimachinery.
 * @see apimachinery pkg/api/errors/errors.go, pkg/util/validation/field/errors.go
 */

/** `metav1.StatusReason` values kubesim returns. */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'TooManyRequests'
  | 'InternalError'
  /** `StatusReasonUnknown`: a Status a handler returns with only a code (eviction's 500). */
  | '';

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  TooManyRequests: 429,
  InternalError: 500,
  '': 500,
};

/** `field.ErrorType` values and how they print. */
export const FieldErrorType = {
  NotFound: 'Not found',
  Required: 'Required value',
  Duplicate: 'Duplicate value',
  Invalid: 'Invalid value',
  NotSupported: 'Unsupported value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  Internal: 'Internal error',
  TypeInvalid: 'Invalid value',
} as const;
export type FieldErrorType = (typeof FieldErrorType)[keyof typeof FieldErrorType];

/** `metav1.CauseType` of each field error type (`field.ErrorType` string values). */
const CAUSE_TYPES: Record<FieldErrorType, string> = {
  'Not found': 'FieldValueNotFound',
  'Required value': 'FieldValueRequired',
  'Duplicate value': 'FieldValueDuplicate',
  'Invalid value': 'FieldValueInvalid',
  'Unsupported value': 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  'Too long': 'FieldValueTooLong',
  'Too many': 'FieldValueTooMany',
  'Internal error': 'InternalError',
};

/** A value already rendered the way Go's `%#v` prints it (e.g. `map[string]string{"app":"x"}`). */
export class GoRepr {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Renders a bad value like apimachinery ≤ v0.33 (`%q` strings, `%v` scalars, `%#v` others). */
export function renderFieldValue(value: unknown): string {
  if (value instanceof GoRepr) return value.text;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[]interface {}{${value.map(renderFieldValue).join(', ')}}`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.every(([, v]) => typeof v === 'string')) {
      return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`;
    }
    return `map[string]interface {}{${entries.map(([k, v]) => `${JSON.stringify(k)}:${renderFieldValue(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** One field error (`field.Error`). */
export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly value: unknown,
    readonly detail = '',
    /** Whether the value is printed (Required, Forbidden, TooMany, Internal omit it). */
    readonly hasValue = true,
  ) {}

  /** `ErrorBody()`: the message without the field path. */
  body(): string {
    let s = this.type as string;
    if (this.hasValue) s += `: ${renderFieldValue(this.value)}`;
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }

  /** `Error()`: `<field>: <body>`. */
  toString(): string {
    return `${this.field}: ${this.body()}`;
  }
}

/** Field error constructors named as in apimachinery `field` package. */
export const field = {
  required: (path: string, detail = '') => new FieldError(FieldErrorType.Required, path, undefined, detail, false),
  invalid: (path: string, value: unknown, detail: string) => new FieldError(FieldErrorType.Invalid, path, value, detail),
  forbidden: (path: string, detail: string) => new FieldError(FieldErrorType.Forbidden, path, undefined, detail, false),
  notSupported: (path: string, value: unknown, valid: readonly string[]) =>
    new FieldError(
      FieldErrorType.NotSupported,
      path,
      value,
      valid.length ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : '',
    ),
  duplicate: (path: string, value: unknown) => new FieldError(FieldErrorType.Duplicate, path, value),
  notFound: (path: string, value: unknown) => new FieldError(FieldErrorType.NotFound, path, value),
  tooLong: (path: string, value: unknown, max: number) =>
    new FieldError(FieldErrorType.TooLong, path, value, `may not be more than ${max} bytes`, false),
  /** `field.TooMany`: the actual count is printed (`Too many: 21: must have at most 20 items`). */
  tooMany: (path: string, actual: number, max: number) =>
    new FieldError(FieldErrorType.TooMany, path, actual, `must have at most ${max} ${max === 1 ? 'item' : 'items'}`),
};

/** A cause in `Status.details.causes`. */
export interface StatusCause {
  readonly reason: string;
  readonly message: string;
  readonly field: string;
}

/** What a failed API call returns: the `metav1.Status` fields plus a throwable. */
export class StatusError extends Error {
  override readonly name = 'StatusError';
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details: {
      readonly kind?: string;
      readonly group?: string;
      readonly name?: string;
      readonly causes?: readonly StatusCause[];
      readonly fieldErrors?: readonly FieldError[];
      /** `Retry-After` a 429 suggests (`details.retryAfterSeconds`, omitted when 0). */
      readonly retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.code = CODES[reason];
  }

  /** The `metav1.Status` object as JSON. */
  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      details: {
        name: this.details.name,
        group: this.details.group,
        kind: this.details.kind,
        causes: this.details.causes,
        ...(this.details.retryAfterSeconds ? { retryAfterSeconds: this.details.retryAfterSeconds } : {}),
      },
      code: this.code,
    };
  }
}

/** `schema.GroupResource` rendering: `pods`, `deployments.apps`, `storageclasses.storage.k8s.io`. */
export function qualifiedResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

/** `schema.GroupKind` rendering used in Invalid messages: `Pod`, `Deployment.apps`. */
export function qualifiedKind(kind: string, group: string): string {
  return group ? `${kind}.${group}` : kind;
}

/** The Conflict reason of a write based on a stale version of the object (optimistic concurrency). */
export const OBJECT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

/** The constructors of apimachinery `errors` (`NewNotFound`, `NewInvalid`, …). */
export const errors = {
  notFound: (resource: string, group: string, name: string) =>
    new StatusError('NotFound', `${qualifiedResource(resource, group)} ${JSON.stringify(name)} not found`, {
      kind: resource,
      group,
      name,
    }),
  alreadyExists: (resource: string, group: string, name: string) =>
    new StatusError('AlreadyExists', `${qualifiedResource(resource, group)} ${JSON.stringify(name)} already exists`, {
      kind: resource,
      group,
      name,
    }),
  conflict: (resource: string, group: string, name: string, why: string) =>
    new StatusError(
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(resource, group)} ${JSON.stringify(name)}: ${why}`,
      { kind: resource, group, name },
    ),
  forbidden: (resource: string, group: string, name: string, why: string) =>
    new StatusError('Forbidden', `${qualifiedResource(resource, group)} ${JSON.stringify(name)} is forbidden: ${why}`, {
      kind: resource,
      group,
      name,
    }),
  badRequest: (message: string) => new StatusError('BadRequest', message),
  methodNotAllowed: (message: string) => new StatusError('MethodNotAllowed', message),
  /** `NewTooManyRequests`: a 429 with `retryAfterSeconds` and the given causes. */
  tooManyRequests: (message: string, retryAfterSeconds: number, causes: readonly StatusCause[] = []) =>
    new StatusError('TooManyRequests', message, { retryAfterSeconds, ...(causes.length ? { causes } : {}) }),
  internal: (message: string) => new StatusError('InternalError', `Internal error occurred: ${message}`),
  /** `NewInvalid`: one cause per field error; the message aggregates them. */
  invalid: (kind: string, group: string, name: string, errs: readonly FieldError[]) => {
    const messages = uniq(errs.map((e) => e.toString()));
    const aggregate = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
    return new StatusError('Invalid', `${qualifiedKind(kind, group)} ${JSON.stringify(name)} is invalid: ${aggregate}`, {
      kind,
      group,
      name,
      causes: errs.map((e) => ({ reason: CAUSE_TYPES[e.type], message: e.body(), field: e.field })),
      fieldErrors: errs,
    });
  },
};

function uniq(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** Type guard for API errors. */
export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}
