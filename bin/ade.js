#!/usr/bin/env node
// The `ade` command: runs the TypeScript CLI through tsx's loader (no separate compile step).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../deployer/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
