/** Errors in the JSON shape the real API uses: {"error": {type, code, message, param?}}. */
export type StripeErrorType = 'invalid_request_error' | 'idempotency_error' | 'api_error';

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }

  toBody(): Record<string, unknown> {
    const error: Record<string, unknown> = { type: this.type, code: this.code, message: this.message };
    if (this.param !== undefined) error.param = this.param;
    return { error };
  }
}

export function missingParam(param: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', 'parameter_missing', `Missing required param: ${param}.`, param);
}

export function invalidParam(param: string, why: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', 'parameter_invalid', `Invalid ${param}: ${why}`, param);
}

export function unknownParam(param: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', 'parameter_unknown', `Received unknown parameter: ${param}`, param);
}

export function noSuchResource(kind: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(404, 'invalid_request_error', 'resource_missing', `No such ${kind}: '${id}'`, param);
}
