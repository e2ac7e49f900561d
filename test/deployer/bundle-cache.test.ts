// Bundles are rebuilt when a source changes and only then.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleWorker } from "../../deployer/runtime/bundle";

describe("bundle cache", () => {
  it("reuses an unchanged bundle and rebuilds after a source changes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ade-bundle-"));
    const entry = join(dir, "entry.ts");
    const dep = join(dir, "dep.ts");
    await writeFile(dep, 'export const word = "first";\n');
    await writeFile(entry, 'import { word } from "./dep";\nexport default { fetch: () => new Response(word) };\n');
    const outFile = join(dir, "out", "worker.js");

    const first = await bundleWorker({ entry, outFile });
    expect(first.written).toBe(true);
    const cache = JSON.parse(await readFile(`${outFile}.inputs.json`, "utf8")) as { inputs: Record<string, string> };
    expect(Object.keys(cache.inputs).sort()).toEqual([dep, entry].sort());

    const again = await bundleWorker({ entry, outFile });
    expect(again).toEqual({ ...first, written: false });

    await new Promise((r) => setTimeout(r, 20));
    await writeFile(dep, 'export const word = "second";\n');
    const changed = await bundleWorker({ entry, outFile });
    expect(changed.hash).not.toBe(first.hash);
    expect(await readFile(outFile, "utf8")).toContain("second");

    const minified = await bundleWorker({ entry, outFile, minify: true });
    expect(minified.hash).not.toBe(changed.hash);
  });
});
