/** StatusError is a failure shaped as the API server's Status object, with its HTTP code. */
export class StatusError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: Record<string, unknown>;

  constructor(code: number, reason: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** qualified is "deployments.apps" or "configmaps": the resource as error messages name it. */
export function qualified(group: string, plural: string): string {
  return group ? `${plural}.${group}` : plural;
}

export function notFound(group: string, plural: string, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualified(group, plural)} "${name}" not found`, {
    name,
    group: group || undefined,
    kind: plural,
  });
}

export function alreadyExists(group: string, plural: string, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${qualified(group, plural)} "${name}" already exists`, {
    name,
    group: group || undefined,
    kind: plural,
  });
}

export function conflict(group: string, plural: string, name: string, why: string): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(group, plural)} "${name}": ${why}`,
    {
      name,
      group: group || undefined,
      kind: plural,
    },
  );
}

export interface FieldCause {
  reason:
    | 'FieldValueRequired'
    | 'FieldValueInvalid'
    | 'FieldValueNotSupported'
    | 'FieldValueForbidden'
    | 'FieldValueDuplicate';
  message: string;
  field: string;
}

/** invalid is the 422 the server answers for a failed validation, one cause per field. */
export function invalid(kind: string, group: string, name: string, causes: FieldCause[]): StatusError {
  const summary = causes.map((cause) => `${cause.field}: ${cause.message}`).join(', ');
  const list = causes.length > 1 ? `[${summary}]` : summary;
  return new StatusError(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${list}`, {
    name,
    group: group || undefined,
    kind,
    causes,
  });
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}
