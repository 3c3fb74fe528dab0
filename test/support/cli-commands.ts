import { PassThrough } from 'node:stream';
import path from 'node:path';
import { runCommand, type CliContext } from '../../src/cli/cli-context.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createPostgresDatabase, dialect, removeDir, tempDir } from './test-env.js';

export interface CommandResult {
  code: number;
  out: string[];
  err: string[];
}

/** Runs a command in this process against `config`, with `stdin` as its standard input. */
export async function runInProcess(
  config: Config,
  command: (context: CliContext) => Promise<void>,
  stdin = '',
): Promise<CommandResult> {
  const input = new PassThrough();
  input.end(stdin);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(command, {
    config,
    stdin: input,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out, err };
}

/**
 * Settings for a fresh installation of the current dialect that no server has started yet: an
 * empty data dir, and a new PostgreSQL database when the suite runs on PostgreSQL. `cleanup`
 * removes both.
 */
export async function freshInstallation(): Promise<{
  config: Config;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}> {
  const dir = tempDir();
  const postgres = dialect === 'postgres' ? await createPostgresDatabase() : null;
  const env = {
    ENCLAVE_DATA_DIR: path.join(dir, 'data'),
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
  };
  return {
    config: loadConfig({ cwd: dir, env: { NODE_ENV: 'test', ...env } }),
    env,
    async cleanup() {
      await postgres?.drop();
      removeDir(dir);
    },
  };
}
