import pg from 'pg';

/**
 * The PostgreSQL server of the tests (TEST_DATABASE_URL), as its administrator: creating and
 * dropping databases. Free of vitest, so the global setup can use it too.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? null;

/** TEST_DATABASE_URL pointing at another database of the same server. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL ?? undefined });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Drops a database, ending the connections still open to it. */
export function dropDatabase(client: pg.Client, name: string): Promise<unknown> {
  return client.query(`drop database if exists ${name} with (force)`);
}
