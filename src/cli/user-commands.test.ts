import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  USER_PASSWORD,
  bearer,
  login,
  setUpAdmin,
  signedFrom,
} from '../../test/support/accounts.js';
import { freshInstallation, runInProcess } from '../../test/support/cli-commands.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { dialect } from '../../test/support/test-env.js';
import type { Config } from '../config/config.js';
import { ensureDataDir } from '../config/secrets.js';
import { passwordProblem, verifyPassword } from '../features/auth/passwords.js';
import { ensureSetupCode } from '../features/setup/setup-code.js';
import { createUser } from '../features/users/create-user.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logging/logger.js';
import { createUserCommand, type CreateUserOptions } from './user-create.command.js';
import { setUserDisabledCommand } from './user-disable.command.js';
import { listUsersCommand } from './user-list.command.js';
import { resetPasswordCommand } from './user-reset-password.command.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function installation(): Promise<Config> {
  const fresh = await freshInstallation();
  cleanups.push(fresh.cleanup);
  return fresh.config;
}

async function app(): Promise<TestApp> {
  const t = await createTestApp();
  cleanups.push(() => t.close());
  return t;
}

/** Reads the installation's database the way an inspector would, apart from the command. */
async function inDatabase<T>(
  config: Config,
  read: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(config.database, createLogger('silent'));
  try {
    return await read(database.db);
  } finally {
    await database.close();
  }
}

const create = (
  config: Config,
  options: Partial<CreateUserOptions> = {},
  stdin = `${ADMIN.password}\n`,
) =>
  runInProcess(
    config,
    (context) => createUserCommand(context, { username: 'alice', role: 'user', ...options }),
    stdin,
  );

const TEMPORARY = /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/;

describe(`enclave user create (${dialect})`, () => {
  it('creates an account from the first line of stdin on a never-started installation and prints its id', async () => {
    const config = await installation();
    ensureDataDir(config.dataDir);
    ensureSetupCode(config.dataDir);
    const result = await create(
      config,
      { username: 'Alice', role: 'admin', displayName: ' Alice A. ' },
      `${ADMIN.password}\nthe rest is not read\n`,
    );
    expect(result.err.join('\n')).toContain('Created admin "alice"');
    expect(result.code).toBe(0);
    expect(result.out).toHaveLength(1);
    const id = result.out[0] ?? '';

    const { user, audit } = await inDatabase(config, async (db) => ({
      user: await db.selectFrom('users').selectAll().executeTakeFirstOrThrow(),
      audit: await db.selectFrom('audit_events').selectAll().execute(),
    }));
    expect(user).toMatchObject({ id, username: 'alice', display_name: 'Alice A.', role: 'admin' });
    expect(user.must_change_password).toBe(0);
    expect(await verifyPassword(user.password_hash, ADMIN.password)).toBe(true);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'user.create', outcome: 'success', target_id: id }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(ADMIN.password);
    // The account ends setup, so the one-time code is void.
    expect(existsSync(path.join(config.dataDir, 'setup-code'))).toBe(false);
  });

  it('refuses a weak password, a taken name and a bad username or display name, changing nothing', async () => {
    const config = await installation();
    expect((await create(config)).code).toBe(0);
    const cases = [
      [{ username: 'bob' }, 'password12345\n', 'too common'],
      [{ username: 'bob' }, 'short\n', 'at least 12 characters'],
      [{ username: 'bob' }, '', 'No password given'],
      [{ username: 'ALICE' }, `${USER_PASSWORD}\n`, 'The username is taken'],
      [{ username: '-rf' }, `${USER_PASSWORD}\n`, 'not a valid username'],
      [{ username: 'bob', displayName: 'x'.repeat(101) }, `${USER_PASSWORD}\n`, 'display name'],
    ] as const;
    for (const [options, stdin, message] of cases) {
      const result = await create(config, options, stdin);
      expect(result.code, message).toBe(1);
      expect(result.err.join('\n'), message).toContain(message);
      expect(result.out).toEqual([]);
    }
    const names = await inDatabase(config, (db) =>
      db.selectFrom('users').select('username').execute(),
    );
    expect(names).toEqual([{ username: 'alice' }]);
  });
});

describe(`enclave user list (${dialect})`, () => {
  it('prints every account as a table, oldest first', async () => {
    const config = await installation();
    const empty = await runInProcess(config, listUsersCommand);
    expect(empty.out).toEqual([]);
    expect(empty.err.join('\n')).toContain('No users yet');

    await create(config, { username: 'alice', role: 'admin' });
    await create(config, { username: 'bob.the-builder' }, `${USER_PASSWORD}\n`);
    await runInProcess(config, (context) =>
      setUserDisabledCommand(context, { username: 'bob.the-builder' }),
    );
    const { code, out } = await runInProcess(config, listUsersCommand);
    expect(code).toBe(0);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^USERNAME\s+ROLE\s+DISABLED\s+MFA\s+CREATED$/);
    expect(out[1]).toMatch(/^alice {12}admin {2}no {8}no {3}\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(out[2]).toMatch(/^bob\.the-builder {2}user {3}yes {7}no {3}\d{4}-/);
  });
});

describe(`enclave user reset-password (${dialect})`, () => {
  it('recovers a lost admin password: the temporary one signs in, must be changed, and the old sessions end', async () => {
    const t = await app();
    const before = await setUpAdmin(t);

    const result = await runInProcess(t.config, (context) =>
      resetPasswordCommand(context, { username: 'ADMIN' }),
    );
    expect(result.code).toBe(0);
    const temporary = result.out[0] ?? '';
    expect(result.out).toEqual([temporary]);
    expect(temporary).toMatch(TEMPORARY);
    expect(passwordProblem(temporary, 'admin')).toBeNull();
    const notes = result.err.join('\n');
    expect(notes).toContain('must be changed at the next sign-in');
    expect(notes).toContain('Ended 1 session(s)');
    expect(notes).toContain('within 15 minutes');

    // The old password and the old session are gone.
    expect((await login(t, ADMIN.username, ADMIN.password)).statusCode).toBe(401);
    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: before.refreshToken },
    });
    expect(reuse.statusCode).toBe(401);

    // The temporary password signs in, but only to change it.
    const signedIn = await login(t, ADMIN.username, temporary);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { mustChangePassword: true } });
    const session = signedFrom(signedIn);
    const blocked = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit',
      headers: bearer(session.accessToken),
    });
    expect(blocked.json()).toMatchObject({ code: 'password_change_required' });
    const newPassword = 'a brand new admin pass phrase';
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(session.accessToken),
      payload: { currentPassword: temporary, newPassword },
    });
    expect(changed.statusCode).toBe(204);

    const back = signedFrom(await login(t, ADMIN.username, newPassword));
    const trail = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit?action=user.reset_password',
      headers: bearer(back.accessToken),
    });
    expect(trail.json()).toMatchObject({
      items: [
        {
          action: 'user.reset_password',
          actor: null,
          target: { type: 'user', id: before.userId },
          details: { via: 'cli', username: 'admin', sessionsEnded: 1 },
        },
      ],
    });
    const rows = await t.database.db.selectFrom('audit_events').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(temporary);
  });

  it('says so when there is no such user', async () => {
    const config = await installation();
    const result = await runInProcess(config, (context) =>
      resetPasswordCommand(context, { username: 'nobody' }),
    );
    expect(result.code).toBe(1);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual(['No user named "nobody"; `enclave user list` shows who exists.']);
  });
});

describe(`enclave user disable (${dialect})`, () => {
  it('disables an account and ends its sessions; --enable lets it back in', async () => {
    const t = await app();
    await setUpAdmin(t);
    await createUser(t.database.db, { username: 'bob', password: USER_PASSWORD, role: 'user' });
    const bob = signedFrom(await login(t, 'bob', USER_PASSWORD));

    const disable = await runInProcess(t.config, (context) =>
      setUserDisabledCommand(context, { username: 'bob' }),
    );
    expect(disable.code).toBe(0);
    expect(disable.err.join('\n')).toContain('"bob" is now disabled');
    expect((await login(t, 'bob', USER_PASSWORD)).statusCode).toBe(401);
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: bob.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    const open = await t.database.db
      .selectFrom('sessions')
      .select('id')
      .where('revoked_at', 'is', null)
      .where('user_id', '=', bob.userId)
      .execute();
    expect(open).toEqual([]);

    const again = await runInProcess(t.config, (context) =>
      setUserDisabledCommand(context, { username: 'bob' }),
    );
    expect(again.err).toEqual(['"bob" was already disabled; nothing changed.']);

    const enable = await runInProcess(t.config, (context) =>
      setUserDisabledCommand(context, { username: 'bob', enable: true }),
    );
    expect(enable.code).toBe(0);
    expect((await login(t, 'bob', USER_PASSWORD)).statusCode).toBe(200);
    const changes = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'target_id', 'details'])
      .where('action', 'like', 'user.%')
      .orderBy('id')
      .execute();
    expect(
      changes.map((row) => [row.action, row.target_id, JSON.parse(row.details) as unknown]),
    ).toEqual([
      [
        'user.update',
        bob.userId,
        { via: 'cli', username: 'bob', changed: ['disabled'], disabled: true },
      ],
      [
        'user.update',
        bob.userId,
        { via: 'cli', username: 'bob', changed: ['disabled'], disabled: false },
      ],
    ]);
  });

  it('refuses to disable the last active admin', async () => {
    const t = await app();
    const admin = await setUpAdmin(t);
    const result = await runInProcess(t.config, (context) =>
      setUserDisabledCommand(context, { username: 'admin' }),
    );
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toContain('last active admin');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: bearer(admin.accessToken),
    });
    expect(me.json()).toMatchObject({ disabled: false });
    expect((await login(t, ADMIN.username, ADMIN.password)).statusCode).toBe(200);

    // With a second admin, the first may be disabled.
    await createUser(t.database.db, { username: 'root2', password: USER_PASSWORD, role: 'admin' });
    const allowed = await runInProcess(t.config, (context) =>
      setUserDisabledCommand(context, { username: 'admin' }),
    );
    expect(allowed.code).toBe(0);
  });
});
