import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN } from '../../test/support/accounts.js';
import { REPO_ROOT, runCli } from '../../test/support/child-process.js';
import { freshInstallation } from '../../test/support/cli-commands.js';
import { dialect } from '../../test/support/test-env.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `enclave <args>` in a child process, as an operator would, with `stdin` piped in. */
function enclave(args: string[], env: Record<string, string>, stdin: string): Promise<Finished> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli.ts'), ...args],
    { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe(`enclave user, as a process (${dialect})`, () => {
  it('creates, lists and resets an account with the server down, the password never in argv', async () => {
    const fresh = await freshInstallation();
    cleanups.push(fresh.cleanup);
    const created = await enclave(
      ['user', 'create', 'root', '--role', 'admin', '--password-stdin'],
      fresh.env,
      `${ADMIN.password}\n`,
    );
    expect(created.stderr).toContain('Created admin "root"');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\n$/,
    );

    const listed = await runCli(['user', 'list'], fresh.env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\nroot +admin +no +no +\d{4}-/);

    const reset = await runCli(['user', 'reset-password', 'root'], fresh.env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}\n$/);
    expect(reset.stderr).toContain('must be changed at the next sign-in');
  });

  it('has no way to take a password from the command line', async () => {
    const fresh = await freshInstallation();
    cleanups.push(fresh.cleanup);
    const refused = await runCli(
      ['user', 'create', 'root', '--password', ADMIN.password],
      fresh.env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("unknown option '--password'");
    const help = await runCli(['user', 'create', '--help'], fresh.env);
    expect(help.stdout).toContain('--password-stdin');
    expect(help.stdout).not.toMatch(/--password\s/);
  });
});
