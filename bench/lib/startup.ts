import { statSync } from 'node:fs';
import path from 'node:path';
import { fillDatabase, primeDataDir, timeStartToReady, type StartTiming } from './enclave.js';
import { fixed, whole } from './stats.js';

export interface StartupResult {
  normal: StartTiming[];
  large: StartTiming[];
  databaseMiB: number;
}

async function timeOneStart(dataDir: string, logFile: string, label: string): Promise<StartTiming> {
  const timing = await timeStartToReady(dataDir, logFile);
  console.log(
    `${label} ready in ${whole(timing.spawnToReadyMs)} ms` +
      ` (server logged readyInMs ${timing.loggedReadyInMs ?? '?'})`,
  );
  return timing;
}

async function prepareLargeDataDir(
  dataDir: string,
  workDir: string,
  fillerMegabytes: number,
): Promise<number> {
  await primeDataDir(dataDir, path.join(workDir, 'prime-large.log'));
  const databaseFile = path.join(dataDir, 'enclave.db');
  console.log(`start-up: filling ${databaseFile} with ~${fillerMegabytes} MiB`);
  const fillStarted = performance.now();
  fillDatabase(databaseFile, fillerMegabytes);
  const databaseMiB = statSync(databaseFile).size / 1024 / 1024;
  console.log(
    `start-up: database is ${fixed(databaseMiB, 0)} MiB (filled in ${whole(performance.now() - fillStarted)} ms)`,
  );
  return databaseMiB;
}

/**
 * Both data dirs are prepared first and their starts then alternate (N,L then L,N, …): measured
 * one block after the other, a drift of this machine's speed between the blocks showed up as a
 * 1.2× "large database" penalty that disappeared when interleaved.
 */
export async function benchmarkStartup(
  workDir: string,
  options: { runs: number; fillerMegabytes: number },
): Promise<StartupResult> {
  const { runs, fillerMegabytes } = options;
  const normalDir = path.join(workDir, 'start-normal');
  const largeDir = path.join(workDir, 'start-large');
  console.log('start-up: priming a data dir (migrations, secrets)');
  await primeDataDir(normalDir, path.join(workDir, 'prime-normal.log'));
  const databaseMiB = await prepareLargeDataDir(largeDir, workDir, fillerMegabytes);
  const normal: StartTiming[] = [];
  const large: StartTiming[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const order = run % 2 === 1 ? (['normal', 'large'] as const) : (['large', 'normal'] as const);
    for (const which of order) {
      const logFile = path.join(workDir, `start-${which}-${run}.log`);
      if (which === 'normal') {
        normal.push(
          await timeOneStart(normalDir, logFile, `start ${run}/${runs}: existing data dir`),
        );
      } else {
        large.push(
          await timeOneStart(largeDir, logFile, `start ${run}/${runs}: large database   `),
        );
      }
    }
  }
  return { normal, large, databaseMiB };
}
