import { fixed, median, table, whole } from './stats.js';

/** One figure of the chat benchmark against its target, as printed and written to JSON. */
export interface Check {
  part: string;
  name: string;
  value: string;
  target: string;
  met: boolean;
}

/** Nearest-rank percentile (p in 0–100) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

export function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : NaN;
}

/** `0.98× (rounds 0.97 1.01 …)`: a median of per-round ratios with the rounds beside it. */
export function ratioOfRounds(perRound: readonly number[]): string {
  return `${fixed(median(perRound))}× (rounds ${perRound.map((r) => fixed(r)).join(' ')})`;
}

interface LoadFigures {
  requestsPerSecond: number;
  p99LatencyMs: number;
  cpuMicrosPerRequest: number;
}

/** A table of medians over rounds of load runs: req/s, p99 and server CPU per request by side. */
export function loadTable(
  sideHeading: string,
  results: Readonly<Record<string, readonly LoadFigures[]>>,
): string {
  return table(
    [sideHeading, 'req/s (median)', 'p99 ms', 'CPU µs/req'],
    Object.entries(results).map(([side, runs]) => [
      side,
      whole(median(runs.map((r) => r.requestsPerSecond))),
      fixed(median(runs.map((r) => r.p99LatencyMs)), 0),
      fixed(median(runs.map((r) => r.cpuMicrosPerRequest)), 0),
    ]),
  );
}
