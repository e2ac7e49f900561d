/**
 * @module workers/errors
 * The one error type that carries its own HTTP response: `{error:{code,message}}` with a real status.
 * Everything the runtime throws on purpose is an HttpError; anything else is mapped to a stack-free 500.
 */

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "not_found"
  | "payload_too_large"
  | "config_invalid"
  | "backend_error"
  | "internal_error";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }

  getResponse(): Response {
    return errorResponse(this.status, this.code, this.message);
  }
}

/** JSON error body in the one shape every route uses. */
export function errorResponse(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

/** Maps anything thrown to an HTTP response; unknown errors keep their message but never their stack. */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof HttpError) return err.getResponse();
  const message = err instanceof Error ? err.message : String(err);
  return errorResponse(500, "internal_error", message || "internal error");
}

/** A short, single-line reason from anything thrown (for tool results and stream events). */
export function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return typeof err === "string" ? err : JSON.stringify(err);
}
