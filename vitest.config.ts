import { defineConfig } from "vitest/config";

const shared = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 2,
    // Output assertions read plain text whatever the caller's terminal or CI sets (FORCE_COLOR, CI, a TTY).
    env: { NO_COLOR: "1" },
    // Agents' structured log lines are for `ade logs`, not test output (ADE_TEST_VERBOSE=1 shows them).
    onConsoleLog: (log: string) => (process.env.ADE_TEST_VERBOSE || !log.startsWith('{"ts"') ? undefined : false),
    projects: [
      // Whole deployments on the example jobs' fixed ports (9000–9010, 9100–9102): one file at a time.
      { test: { ...shared, name: "deploy", include: ["test/deploy/**/*.test.ts"], fileParallelism: false } },
      { test: { ...shared, name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/deploy/**"] } },
    ],
  },
});
