import net from 'node:net';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '../../../test/support/tcp-proxy.js';
import { removeDir, tempDir } from '../../../test/support/test-env.js';
import { AppError } from '../http/errors.js';
import { unavailableIfUnreachable } from './database-unavailable.js';

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
  it('becomes 503 service_unavailable with Retry-After, keeping the cause', async () => {
    const unavailable = [
      await refusedConnection(),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('sorry, too many clients already', '53300'),
      withCode('connection failure', '08006'),
      new AggregateError([await refusedConnection(), await refusedConnection()], 'connect'),
    ];
    for (const error of unavailable) {
      const answer = unavailableIfUnreachable(error) as AppError;
      expect(answer, error.message).toBeInstanceOf(AppError);
      expect(answer).toMatchObject({
        code: 'service_unavailable',
        statusCode: 503,
        headers: { 'retry-after': '5' },
      });
      expect(answer.cause).toBe(error);
      expect(answer.detail).not.toContain(error.message);
    }
  });

  it('leaves every other error as it was', () => {
    const others = [
      new Error('something else'),
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('canceling statement due to statement timeout', '57014'),
      withCode('database is locked for another reason', 'SQLITE_CONSTRAINT'),
      new AppError('not_found'),
      'a string',
      null,
    ];
    for (const error of others) expect(unavailableIfUnreachable(error)).toBe(error);
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
      expect(unavailableIfUnreachable(busy)).toMatchObject({ code: 'service_unavailable' });
    } finally {
      holder.close();
      writer.close();
    }
  });
});
