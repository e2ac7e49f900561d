/**
 * Host key checking without a network: known_hosts forms (plain, [host]:port, comma lists, wildcards,
 * negation, hashed, @revoked), pinned fingerprints, and ~/.ssh/config alias resolution.
 */
import { execFileSync } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveEndpoint } from "../../../deployer/targets/remote/endpoint";
import { algorithmsFor, fingerprintOf, knownKeyTypes, parseKnownHosts, verifyKnownHost, verifyPinned } from "../../../deployer/targets/remote/known-hosts";
import { sshdMissing } from "../../helpers/sshd";

/** An SSH wire-format key blob: string type, then opaque bytes (enough for matching and fingerprints). */
function blob(type: string, seed = randomBytes(32)): Buffer {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([len, t, seed]);
}
const line = (hosts: string, key: Buffer) => `${hosts} ${keyTypeName(key)} ${key.toString("base64")}`;
const keyTypeName = (key: Buffer) => key.subarray(4, 4 + key.readUInt32BE(0)).toString();
function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(name).digest("base64")}`;
}

const ed = blob("ssh-ed25519");
const other = blob("ssh-ed25519");
const rsa = blob("ssh-rsa");

describe("known_hosts matching", () => {
  it.each([
    ["plain host on port 22", line("example.org", ed), "example.org", 22],
    ["[host]:port on another port", line("[10.0.0.5]:2222", ed), "10.0.0.5", 2222],
    ["comma list", line("web,10.0.0.5,[10.0.0.5]:2200", ed), "10.0.0.5", 2200],
    ["wildcard", line("*.lab.internal", ed), "pi.lab.internal", 22],
    ["hashed host", line(hashed("homelab.local"), ed), "homelab.local", 22],
    ["hashed [host]:port", line(hashed("[127.0.0.1]:19222"), ed), "127.0.0.1", 19222],
    ["case-insensitive host", line("Example.ORG", ed), "example.org", 22],
  ])("accepts %s", (_name, text, host, port) => {
    expect(verifyKnownHost(parseKnownHosts(`# comment\n\n${text}\n`), host, port, ed)).toMatchObject({ ok: true });
  });

  it.each([
    ["a plain entry for port 22 when the port differs", line("10.0.0.5", ed), "10.0.0.5", 2222],
    ["[host]:port for another port", line("[10.0.0.5]:2200", ed), "10.0.0.5", 2222],
    ["a negated pattern", line("*.lab.internal,!evil.lab.internal", ed), "evil.lab.internal", 22],
    ["a hashed entry for another host", line(hashed("other.host"), ed), "homelab.local", 22],
  ])("does not match %s (unknown)", (_name, text, host, port) => {
    expect(verifyKnownHost(parseKnownHosts(text), host, port, ed)).toMatchObject({ ok: false, reason: "unknown" });
  });

  it("a different key of the same type for the host is CHANGED, with the server's fingerprint", () => {
    const v = verifyKnownHost(parseKnownHosts(line("[127.0.0.1]:19222", other)), "127.0.0.1", 19222, ed);
    expect(v).toEqual({ ok: false, reason: "changed", fingerprint: fingerprintOf(ed), keyType: "ssh-ed25519", knownTypes: ["ssh-ed25519"] });
  });

  it("a key of a type not on file is unknown, and the known types are offered first in the handshake", () => {
    const entries = parseKnownHosts(line("h", rsa));
    expect(verifyKnownHost(entries, "h", 22, ed)).toMatchObject({ ok: false, reason: "unknown", knownTypes: ["ssh-rsa"] });
    expect(algorithmsFor(knownKeyTypes(entries, "h", 22))).toEqual(["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]);
  });

  it("@revoked refuses the key even when another line trusts it", () => {
    const text = `${line("h", ed)}\n@revoked * ${keyTypeName(ed)} ${ed.toString("base64")}`;
    expect(verifyKnownHost(parseKnownHosts(text), "h", 22, ed)).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("ignores malformed lines", () => {
    expect(parseKnownHosts("garbage\nhost ssh-ed25519\n\n# x")).toEqual([]);
  });
});

describe("pinned fingerprints", () => {
  it("accepts the SHA256 fingerprint with or without padding, refuses another", () => {
    const fp = fingerprintOf(ed);
    expect(verifyPinned(fp, ed).ok).toBe(true);
    expect(verifyPinned(`${fp}=`, ed).ok).toBe(true);
    expect(verifyPinned(fp, other)).toMatchObject({ ok: false, reason: "pin-mismatch", fingerprint: fingerprintOf(other) });
  });

  it.skipIf(sshdMissing())("fingerprintOf matches ssh-keygen -lf", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ade-kh-"));
    try {
      execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "k")]);
      const pub = (await readFile(join(dir, "k.pub"), "utf8")).split(" ");
      const expected = execFileSync("ssh-keygen", ["-lf", join(dir, "k.pub")], { encoding: "utf8" }).split(" ")[1];
      expect(fingerprintOf(Buffer.from(pub[1]!, "base64"))).toBe(expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("endpoint resolution", () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "ade-home-"));
    execFileSync("mkdir", ["-p", join(home, ".ssh")]);
    await writeFile(join(home, ".ssh/id_lab"), "key");
    await writeFile(join(home, ".ssh/config"), "Host homelab\n  HostName 10.0.0.5\n  User pi\n  Port 2200\n  IdentityFile ~/.ssh/id_lab\n\nHost *\n  ServerAliveInterval 30\n");
  });
  afterAll(() => rm(home, { recursive: true, force: true }));
  const base = { kind: "remote" as const, sshPort: 22, workdir: "~/.ade/agents/x", timeoutSec: 30 };

  it("takes HostName, User, Port and IdentityFile from ~/.ssh/config for an alias", () => {
    const ep = resolveEndpoint({ ...base, host: "homelab" }, { home });
    expect(ep).toMatchObject({ host: "homelab", hostName: "10.0.0.5", user: "pi", port: 2200, keyPath: join(home, ".ssh/id_lab"), knownHosts: join(home, ".ssh/known_hosts"), hostKeyName: "10.0.0.5" });
  });

  it("job fields win over the config file", () => {
    const ep = resolveEndpoint({ ...base, host: "homelab", user: "deploy", sshPort: 2222, sshKey: "~/keys/k", knownHosts: "/etc/kh" }, { home });
    expect(ep).toMatchObject({ hostName: "10.0.0.5", user: "deploy", port: 2222, keyPath: join(home, "keys/k"), knownHosts: "/etc/kh" });
  });

  it("a host not in the config is dialled as written", () => {
    expect(resolveEndpoint({ ...base, host: "192.168.1.9", user: "u" }, { home })).toMatchObject({ hostName: "192.168.1.9", port: 22, user: "u" });
  });
});
