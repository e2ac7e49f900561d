/**
 * @module deployer/targets/remote/known-hosts
 * Strict host key checking the way OpenSSH does it: known_hosts lines (plain, `[host]:port`, comma lists,
 * wildcards, negations, hashed `|1|salt|hash`, `@revoked`) or a pinned `SHA256:…` fingerprint. Pure; no I/O.
 */
import { createHash, createHmac } from "node:crypto";

export interface KnownHostEntry {
  marker?: "@revoked" | "@cert-authority";
  /** Raw host field (comma list, or one hashed `|1|salt|hash`). */
  hosts: string;
  keyType: string;
  /** Decoded SSH wire-format public key. */
  key: Buffer;
}

export type HostKeyVerdict =
  | { ok: true; fingerprint: string; keyType: string }
  | { ok: false; reason: "unknown" | "changed" | "revoked" | "pin-mismatch"; fingerprint: string; keyType: string; knownTypes: string[] };

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry["marker"];
    if (fields[0] === "@revoked" || fields[0] === "@cert-authority") marker = fields.shift() as KnownHostEntry["marker"];
    const [hosts, keyType, b64] = fields;
    if (!hosts || !keyType || !b64) continue;
    const key = Buffer.from(b64, "base64");
    if (key.length === 0) continue;
    out.push({ ...(marker ? { marker } : {}), hosts, keyType, key });
  }
  return out;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** `SHA256:<base64 without padding>`, as `ssh-keygen -lf` prints it. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}

/** The key type named inside an SSH public key blob (first length-prefixed string). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return "unknown";
  const len = key.readUInt32BE(0);
  return key.subarray(4, 4 + len).toString("ascii") || "unknown";
}

/** Whether a known_hosts host field names `host` at `port`. A matching negated pattern wins over everything. */
export function hostFieldMatches(field: string, host: string, port: number): boolean {
  const name = hostPattern(host, port);
  if (field.startsWith("|1|")) return hashedMatches(field, name);
  let matched = false;
  for (const pattern of field.split(",")) {
    const negated = pattern.startsWith("!");
    const p = negated ? pattern.slice(1) : pattern;
    if (globMatches(p.toLowerCase(), name.toLowerCase())) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function hashedMatches(field: string, name: string): boolean {
  const [, , salt, hash] = field.split("|");
  if (!salt || !hash) return false;
  const digest = createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64");
  return digest === hash;
}

function globMatches(pattern: string, name: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === name;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return re.test(name);
}

/** Key types known for this host (non-revoked), so the handshake can ask the server for one of them first. */
export function knownKeyTypes(entries: KnownHostEntry[], host: string, port: number): string[] {
  const types = entries.filter((e) => !e.marker && hostFieldMatches(e.hosts, host, port)).map((e) => e.keyType);
  return [...new Set(types)];
}

/** Checks the server's key against known_hosts entries for `host:port`. */
export function verifyKnownHost(entries: KnownHostEntry[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const fingerprint = fingerprintOf(key);
  const keyType = keyTypeOf(key);
  const forHost = entries.filter((e) => e.marker !== "@cert-authority" && hostFieldMatches(e.hosts, host, port));
  const knownTypes = [...new Set(forHost.filter((e) => !e.marker).map((e) => e.keyType))];
  if (entries.some((e) => e.marker === "@revoked" && e.key.equals(key))) return { ok: false, reason: "revoked", fingerprint, keyType, knownTypes };
  if (forHost.some((e) => !e.marker && e.key.equals(key))) return { ok: true, fingerprint, keyType };
  // Same host, same key type, other key: the host key changed (or someone is in the middle).
  const changed = forHost.some((e) => !e.marker && e.keyType === keyType);
  return { ok: false, reason: changed ? "changed" : "unknown", fingerprint, keyType, knownTypes };
}

/** Checks the server's key against a pinned `SHA256:…` fingerprint (padding and the prefix's case tolerated). */
export function verifyPinned(pinned: string, key: Buffer): HostKeyVerdict {
  const fingerprint = fingerprintOf(key);
  const keyType = keyTypeOf(key);
  const want = pinned.trim().replace(/^sha256:/i, "").replace(/=+$/, "");
  if (want === fingerprint.slice("SHA256:".length)) return { ok: true, fingerprint, keyType };
  return { ok: false, reason: "pin-mismatch", fingerprint, keyType, knownTypes: [] };
}

/** ssh2 host key algorithms for known_hosts key types (an RSA key is negotiated as rsa-sha2-*). */
export function algorithmsFor(keyTypes: string[]): string[] {
  const out: string[] = [];
  for (const t of keyTypes) {
    if (t === "ssh-rsa") out.push("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
    else if (t === "ssh-ed25519" || /^ecdsa-sha2-nistp(256|384|521)$/.test(t)) out.push(t);
  }
  return [...new Set(out)];
}
