import { Agent, request } from 'undici';
import { percentile } from './chat-report.js';

export interface ProbeSettings {
  /** Requests per second, sent on schedule whether or not earlier ones have answered. */
  rate: number;
  durationSeconds: number;
  connections: number;
}

export interface ProbeResult {
  requests: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Latency of a URL under a fixed, moderate request rate (open loop), to the microsecond.
 *
 * A closed-loop load generator at full speed (autocannon) measures queueing at saturation:
 * anything else that takes CPU lowers throughput and so raises every latency, whether or not
 * it ever blocks the event loop. At a fixed rate well below saturation, a request is slow only
 * when the server could not start on it, which is what a probe's p99 should show.
 */
export async function probeLatency(url: string, settings: ProbeSettings): Promise<ProbeResult> {
  const agent = new Agent({ connections: settings.connections, pipelining: 1 });
  const latencies: number[] = [];
  let failures = 0;
  const inFlight = new Set<Promise<void>>();
  const intervalMs = 1000 / settings.rate;
  const total = Math.round(settings.rate * settings.durationSeconds);
  const started = performance.now();
  try {
    for (let sent = 0; sent < total; sent += 1) {
      const due = started + sent * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      // Timed from when the request was due (a late send counts against the latency too), or
      // from when it was sent if that was early: timers fire to the millisecond only.
      const from = Math.min(due, performance.now());
      const one = (async () => {
        try {
          const response = await request(url, { dispatcher: agent });
          await response.body.dump();
          if (response.statusCode !== 200) failures += 1;
          else latencies.push(performance.now() - from);
        } catch {
          failures += 1;
        }
      })();
      inFlight.add(one);
      void one.finally(() => inFlight.delete(one));
    }
    await Promise.all(inFlight);
  } finally {
    await agent.close();
  }
  return {
    requests: latencies.length + failures,
    failures,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
