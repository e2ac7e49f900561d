/**
 * @module deployer/targets/ports
 * Loopback port checks: refuse to start on a port something else holds (with a message naming the agent), and
 * confirm ports are free again after stop.
 */
import { createServer } from "node:net";

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Polls until every port is free or the deadline passes; returns the ports still taken. */
export async function waitPortsFree(ports: number[], timeoutMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let taken = ports;
  while (taken.length && Date.now() < deadline) {
    const free = await Promise.all(taken.map((p) => isPortFree(p)));
    taken = taken.filter((_, i) => !free[i]);
    if (taken.length) await new Promise((r) => setTimeout(r, 100));
  }
  return taken;
}
