// One command at a time per job: the lock file, a live holder, a dead holder, and release on failure.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockFile, withJobLock } from "../../deployer/job-lock";

const home = () => mkdtemp(join(tmpdir(), "ade-lock-"));

async function plantLock(dir: string, pid: number, command = "start") {
  await mkdir(join(dir, "locks"), { recursive: true });
  await writeFile(lockFile(dir, "demo"), JSON.stringify({ pid, command, since: "2026-11-25T10:00:00.000Z" }));
}

describe("job lock", () => {
  it("refuses a second command on the same job while the first runs, then lets it in", async () => {
    const dir = await home();
    let release!: () => void;
    const first = withJobLock(dir, "demo", "start", () => new Promise<string>((r) => (release = () => r("first"))));
    await new Promise((r) => setTimeout(r, 20));
    await expect(withJobLock(dir, "demo", "stop", async () => "second")).rejects.toThrow(/^`ade start` \(pid \d+\) is already working on job "demo" since .*; wait for it to finish/);
    // Another job is not affected.
    await expect(withJobLock(dir, "other", "stop", async () => "other")).resolves.toBe("other");
    release();
    await expect(first).resolves.toBe("first");
    expect(existsSync(lockFile(dir, "demo"))).toBe(false);
    await expect(withJobLock(dir, "demo", "stop", async () => "second")).resolves.toBe("second");
  });

  it("refuses while another live process holds it", async () => {
    const dir = await home();
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      await plantLock(dir, other.pid!, "stop");
      await expect(withJobLock(dir, "demo", "start", async () => "x")).rejects.toThrow(`\`ade stop\` (pid ${other.pid}) is already working on job "demo" since 2026-11-25T10:00:00.000Z`);
    } finally {
      other.kill();
    }
  });

  it("takes over a lock left by a process that is gone", async () => {
    const dir = await home();
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    await plantLock(dir, Number(gone.stdout));
    await expect(withJobLock(dir, "demo", "start", async () => "taken")).resolves.toBe("taken");
  });

  it("is released when the work fails", async () => {
    const dir = await home();
    await expect(withJobLock(dir, "demo", "start", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(lockFile(dir, "demo"))).toBe(false);
  });
});
