/**
 * @module workers/http-guards
 * Request guards shared by the routes: a body reader that enforces the size limit on the bytes actually
 * received (Content-Length can lie or be absent), and a constant-time bearer-token check.
 */
import { HttpError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the body as UTF-8, refusing with 413 as soon as it exceeds `limit` bytes. */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, "payload_too_large", `request body is larger than ${limit} bytes`);
}

/** True when `header` is exactly `Bearer <token>`; compares SHA-256 digests so timing reveals nothing. */
export async function bearerMatches(header: string | undefined, token: string): Promise<boolean> {
  const presented = /^Bearer\s+(.+)$/i.exec(header ?? "")?.[1]?.trim() ?? "";
  const [a, b] = await Promise.all([digest(presented), digest(token)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0 && presented.length > 0;
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}
