import { spawnTs, type RunningChild } from '../support/child-process.js';
import {
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  TEST_SERVER_ENV,
  createPostgresDatabase,
  dialect,
} from '../support/test-env.js';

export interface ServerProcess extends RunningChild {
  url: string;
}

/** Starts a real server process on a free port and waits until it says it is ready. */
export async function startServerProcess(
  env: Record<string, string>,
  script = 'src/main.ts',
): Promise<ServerProcess> {
  const running = spawnTs(script, [], {
    PORT: '0',
    LOG_LEVEL: 'info',
    ...TEST_SERVER_ENV,
    ...env,
  });
  try {
    const match = await running.waitFor(/"url":"(http:\/\/[^"]+)"[^\n]*"msg":"Enclave is ready"/);
    return { ...running, url: match[1] ?? '' };
  } catch (error) {
    running.child.kill('SIGKILL');
    throw error;
  }
}

/** Environment selecting the current dialect: a fresh PostgreSQL database, or SQLite. */
export async function dialectEnv(): Promise<{
  env: Record<string, string>;
  drop: () => Promise<void>;
}> {
  if (dialect === 'sqlite' || !TEST_DATABASE_URL) return { env: {}, drop: async () => {} };
  const postgres = await createPostgresDatabase();
  return {
    env: { DATABASE_URL: postgres.url, ...(TEST_REDIS_URL ? { REDIS_URL: TEST_REDIS_URL } : {}) },
    drop: () => postgres.drop(),
  };
}
