// A refused or failed API call: the HTTP status and the contract's error body
// `{error: {code, message, details}}`, which components/RefusalAlert explains in words.
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }

  static from(status: number, body: unknown): ApiFailure {
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    return new ApiFailure(
      status,
      typeof error?.code === 'string' ? error.code : 'HTTP_' + status,
      typeof error?.message === 'string' ? error.message : '',
      Array.isArray(error?.details) ? error.details : [],
    );
  }

  /** No such resource, or not the caller's (the API does not tell which); a malformed id too. */
  get notFound(): boolean {
    return this.status === 404 || (this.status === 400 && this.code !== 'MALFORMED_JSON');
  }
}

export const isNotFound = (error: unknown): boolean => error instanceof ApiFailure && error.notFound;
export const isForbidden = (error: unknown): boolean => error instanceof ApiFailure && error.status === 403;
