/**
 * @module workers/tools/search/fetch-url
 * fetch_url: returns a corpus document by URL. Live fetching is off unless the agent's config sets
 * `allow_fetch: true`; even then only public http(s) hosts are fetched (no localhost or private ranges).
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { CORPUS } from "../../data/corpus";
import { toolError, withTimeout } from "../result";
import { findDocByUrl } from "./corpus-index";

const MAX_CHARS = 4000;

/** Hosts a tool must never reach even when live fetching is on (SSRF into the mesh or the host). */
export function isPrivateHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")) return true;
  if (h === "::1" || h.startsWith("fc") || h.startsWith("fd") || h.startsWith("fe80")) return h.includes(":");
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/** Crude HTML-to-text: drops scripts/styles/tags and collapses whitespace. Good enough for a model to read. */
export function htmlToText(html: string): { title?: string; text: string } {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim();
  const text = html
    .replace(/<(script|style|noscript)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return title ? { title, text } : { text };
}

export const fetchUrl = defineTool({
  name: "fetch_url",
  description: "Fetch / open / read the full text of a document or web page by its URL (use URLs returned by web_search).",
  input: z.object({ url: z.string().min(1).describe("The document URL, e.g. one from web_search results") }),
  async run({ url }, ctx) {
    const doc = findDocByUrl(url);
    if (doc) return { url: doc.url, title: doc.title, type: doc.type, text: doc.text, source: "offline corpus" };
    if (ctx.settings?.allow_fetch !== true) {
      return toolError(`"${url}" is not in the offline corpus and live fetching is disabled. Use web_search to find a corpus URL.`, {
        example_urls: CORPUS.slice(0, 3).map((d) => d.url),
      });
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return toolError(`"${url}" is not a valid URL. Send an absolute http(s) URL.`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return toolError("Only http and https URLs can be fetched.");
    if (isPrivateHost(parsed.hostname)) return toolError(`Refusing to fetch private or local host "${parsed.hostname}".`);
    try {
      const timeoutMs = Number(ctx.settings?.timeout_ms ?? 8000);
      const res = await fetch(parsed.toString(), { signal: withTimeout(ctx.signal, timeoutMs > 0 ? timeoutMs : 8000), redirect: "follow" });
      if (!res.ok) return toolError(`Fetching ${parsed} failed with HTTP ${res.status}.`);
      const type = res.headers.get("content-type") ?? "";
      const body = (await res.text()).slice(0, 200_000);
      const { title, text } = type.includes("html") ? htmlToText(body) : { title: undefined, text: body.trim() };
      return { url: parsed.toString(), ...(title ? { title } : {}), text: text.slice(0, MAX_CHARS), truncated: text.length > MAX_CHARS, source: "live fetch" };
    } catch (e) {
      return toolError(`Fetching ${parsed} failed: ${(e as Error)?.name === "TimeoutError" ? "timed out" : String((e as Error)?.message ?? e)}.`);
    }
  },
});
