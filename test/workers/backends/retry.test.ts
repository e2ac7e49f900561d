/** The shared retry: retry-after parsing, network errors, abort during a long wait, and error messages. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../workers/backends/backend";
import { httpError, parseRetryAfter, retryingFetch } from "../../../workers/backends/retry";
import { startFakeAnthropic } from "../../fakes/anthropic-server";

describe("retry", () => {
  it("parses retry-after as seconds, HTTP date or retry-after-ms", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), now)).toBe(5000);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
  });

  it("retries network errors 3 times, then says the provider is unreachable", async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    let attempts = 0;
    const counting: typeof fetch = (i, init) => (attempts++, fetch(i, init));
    const err = await retryingFetch("ollama", counting, { baseDelayMs: 5 })(`http://127.0.0.1:${port}/api/chat`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).message).toMatch(/ollama is unreachable .* after 3 retries/);
    expect(attempts).toBe(4);
  });

  it("stops waiting out a long retry-after as soon as the signal aborts", async () => {
    const fake = await startFakeAnthropic({ script: [{ status: 429, retryAfter: "20" }, { text: "too late" }] });
    try {
      const t0 = Date.now();
      const err = await retryingFetch("anthropic", fetch, {}, AbortSignal.timeout(200))(`${fake.url}/v1/messages`, { method: "POST", body: "{}" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackendError);
      expect((err as Error).message).toContain("timed out");
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(fake.requests).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it("words final errors so the user knows what to fix", () => {
    expect(httpError("gemini", 400, "API key not valid. Please pass a valid API key.", { keyName: "GOOGLE_API_KEY" }).message).toMatch(/authentication failed \(400\): check GOOGLE_API_KEY/);
    expect(httpError("anthropic", 404, "model: nope", { model: "nope" })).toMatchObject({ status: 404, retryable: false, message: expect.stringContaining('check model "nope"') });
    expect(httpError("ollama", 500, "boom")).toMatchObject({ retryable: true });
  });
});
