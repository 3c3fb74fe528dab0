import autocannon from 'autocannon';
import { cpuTicks, type ServerProcess } from './processes.js';

export interface LoadSettings {
  connections: number;
  pipelining: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p99LatencyMs: number;
  requests: number;
  /** Connection errors and timeouts plus non-2xx answers: any of them taints the round. */
  failures: number;
  cpuMicrosPerRequest: number;
}

/**
 * One autocannon run against a server, with the server's own CPU time read from /proc around
 * it: req/s depends on how much CPU the load generator leaves over on a small machine, CPU per
 * request much less so.
 */
export async function runLoad(
  server: ServerProcess,
  url: string,
  settings: LoadSettings,
  ticksPerSecond: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const ticksBefore = cpuTicks(server.pid);
  const result = await autocannon({
    url,
    connections: settings.connections,
    pipelining: settings.pipelining,
    duration: settings.durationSeconds,
    headers,
  });
  const ticks = cpuTicks(server.pid) - ticksBefore;
  const requests = result.requests.total;
  return {
    requestsPerSecond: requests / result.duration,
    p99LatencyMs: result.latency.p99,
    requests,
    failures: result.errors + result.non2xx,
    cpuMicrosPerRequest: requests > 0 ? ((ticks / ticksPerSecond) * 1e6) / requests : NaN,
  };
}
