import net from 'node:net';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '../../../test/support/tcp-proxy.js';
import { removeDir, tempDir } from '../../../test/support/test-env.js';
import { AppError } from '../http/errors.js';
import { databaseUnavailable, fromDatabase } from './database-unavailable.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

/** The error of a real connection attempt to a port nothing listens on. */
async function refusedConnection(): Promise<Error> {
  const port = await closedPort();
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', resolve);
  });
}

/** A pg-style error: what node-postgres throws carries the server's SQLSTATE in `code`. */
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a database that cannot be reached', () => {
  it('is told apart from other failures, and answered 503 with Retry-After', async () => {
    const unavailable = [
      await refusedConnection(),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('sorry, too many clients already', '53300'),
      withCode('connection failure', '08006'),
      new AggregateError([await refusedConnection(), await refusedConnection()], 'connect'),
    ].map((error) => fromDatabase(error) as Error);
    for (const error of unavailable) {
      const answer = databaseUnavailable(error);
      expect(answer, error.message).toBeInstanceOf(AppError);
      expect(answer).toMatchObject({
        code: 'service_unavailable',
        statusCode: 503,
        headers: { 'retry-after': '5' },
      });
      expect(answer?.detail).not.toContain(error.message);
    }
  });

  it('is not any other error, nor a refused connection to something else', async () => {
    const others = [
      fromDatabase(new Error('something else')),
      fromDatabase(withCode('duplicate key value violates unique constraint', '23505')),
      fromDatabase(withCode('canceling statement due to statement timeout', '57014')),
      // A model upstream or Redis refusing a connection is not the database being away.
      await refusedConnection(),
      new Error('upstream failed', { cause: await refusedConnection() }),
      new AppError('not_found'),
      'a string',
      null,
    ];
    for (const error of others) expect(databaseUnavailable(error)).toBeNull();
  });

  it('includes a SQLite write that waited past the busy timeout for another lock', () => {
    const dir = tempDir();
    dirs.push(dir);
    const holder = new BetterSqlite3(`${dir}/db.sqlite`);
    const writer = new BetterSqlite3(`${dir}/db.sqlite`, { timeout: 0 });
    try {
      holder.exec('create table t (x integer)');
      holder.exec('begin immediate');
      let busy: unknown;
      try {
        writer.exec('insert into t values (1)');
      } catch (error) {
        busy = error;
      }
      expect(busy).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(databaseUnavailable(busy)).toMatchObject({ code: 'service_unavailable' });
    } finally {
      holder.close();
      writer.close();
    }
  });
});
