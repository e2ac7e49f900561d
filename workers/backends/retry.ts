/**
 * @module workers/backends/retry
 * The one retry policy every network backend shares, applied at the fetch layer (so SDKs and plain REST alike get it),
 * plus the mapping from a final HTTP failure or an abort to a BackendError a user can act on.
 */
import type { BackendType } from "../config";
import { BackendError } from "./backend";

export interface RetryOptions {
  /** Retries after the first attempt. @default 3 */
  retries?: number;
  /** First backoff step; doubles per attempt, with jitter. @default 500 */
  baseDelayMs?: number;
  /** Cap on any single wait, including a provider's `retry-after`. @default 20000 */
  maxDelayMs?: number;
}

type FetchFn = typeof fetch;

/** Parses `retry-after-ms`, or `retry-after` as seconds or an HTTP date, into milliseconds. */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get("retry-after");
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter in [step/2, step]; jitter keeps many agents from retrying in lockstep. */
export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return Math.round(step / 2 + Math.random() * (step / 2));
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The BackendError for a request whose signal fired: names the reason (timeout or cancel) so logs say which. */
export function abortedError(provider: BackendType, signal?: AbortSignal): BackendError {
  const reason = signal?.reason as { name?: string; message?: string } | undefined;
  const why = reason?.name === "TimeoutError" ? "timed out" : "was aborted";
  const err = new BackendError(`${provider} request ${why}${reason?.message ? `: ${reason.message}` : ""}`, provider);
  return Object.assign(err, { cause: signal?.reason });
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts (a timeout must not wait out a 20 s retry-after). */
function sleep(ms: number, provider: BackendType, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(provider, signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(provider, signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function combineSignals(a: AbortSignal | null | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a) return b;
  if (!b || a === b) return a;
  return AbortSignal.any([a, b]);
}

/**
 * Wraps `fetchImpl` so that 429, 5xx and network errors are retried (up to `retries` times) before the caller sees
 * them. The last retryable response is returned as is, so the SDK on top still reports the provider's own error.
 * `signal` (the chat request's) is merged with any signal the SDK passes, because not every SDK forwards ours.
 */
export function retryingFetch(provider: BackendType, fetchImpl: FetchFn, options: RetryOptions = {}, signal?: AbortSignal): FetchFn {
  const retries = options.retries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 20_000;
  return async (input, init) => {
    const merged = combineSignals(init?.signal, signal);
    for (let attempt = 0; ; attempt++) {
      if (merged?.aborted) throw abortedError(provider, merged);
      let response: Response;
      try {
        response = await fetchImpl(input, { ...init, signal: merged });
      } catch (err) {
        if (merged?.aborted) throw abortedError(provider, merged);
        if (attempt >= retries) {
          const msg = err instanceof Error ? err.message : String(err);
          throw new BackendError(`${provider} is unreachable (${msg}) after ${retries} retries`, provider, undefined, true);
        }
        await sleep(backoffDelay(attempt, baseDelayMs, maxDelayMs), provider, merged);
        continue;
      }
      if (!isRetryableStatus(response.status) || attempt >= retries) return response;
      const wait = parseRetryAfter(response.headers) ?? backoffDelay(attempt, baseDelayMs, maxDelayMs);
      // Free the connection before waiting; the body of a response we retry is never read.
      await response.body?.cancel().catch(() => undefined);
      await sleep(Math.min(wait, maxDelayMs), provider, merged);
    }
  };
}

/** What to check when a provider refuses the credentials, e.g. the secret's name. */
export interface ErrorHints {
  keyName?: string;
  model?: string;
}

/** Turns a provider's final HTTP failure into a BackendError whose message says what to do about it. */
export function httpError(provider: BackendType, status: number, providerMessage: string, hints: ErrorHints = {}): BackendError {
  const detail = providerMessage.trim() ? `: ${providerMessage.trim()}` : "";
  const keyHint = hints.keyName ? `check ${hints.keyName}` : "check the API key";
  const looksLikeKey = /api[ _-]?key|x-api-key|credential|unauthori[sz]ed|authenticat/i.test(providerMessage);
  let message: string;
  if (status === 401 || ((status === 400 || status === 403) && looksLikeKey)) {
    message = `${provider} authentication failed (${status}): ${keyHint}${detail}`;
  } else if (status === 403) {
    message = `${provider} refused the request (403): ${keyHint} has access to this model${detail}`;
  } else if (status === 404) {
    message = `${provider} model or endpoint not found (404)${hints.model ? `: check model "${hints.model}"` : ""}${detail}`;
  } else if (status === 429) {
    message = `${provider} rate limit (429) persisted after retries${detail}`;
  } else if (status >= 500) {
    message = `${provider} server error (${status}) persisted after retries${detail}`;
  } else {
    message = `${provider} rejected the request (${status})${detail}`;
  }
  return new BackendError(message, provider, status, isRetryableStatus(status));
}

/** Reads an error body from any of our providers: `{error:{message}}` (Anthropic, Gemini) or `{error:"…"}` (Ollama). */
export async function readErrorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: string | { message?: string }; message?: string };
    if (typeof body.error === "string") return body.error;
    return body.error?.message ?? body.message ?? text;
  } catch {
    return text || response.statusText;
  }
}
