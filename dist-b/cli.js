#!/usr/bin/env node
import { Command, Option } from 'commander';
import { VERSION } from './version.js';
// Each command loads its own modules, so `serve` does not pay for the doctor's imports.
const program = new Command('enclave')
    .description('Enclave: a self-hosted, offline AI workspace')
    .version(VERSION);
program
    .command('serve')
    .description('start the server (the same as `npm start`)')
    .action(async () => {
    const { runServer } = await import('./main.js');
    await runServer();
});
program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(async () => {
    const { runMigrate } = await import('./cli/migrate.command.js');
    process.exitCode = await runMigrate();
});
program
    .command('doctor')
    .description('check settings, permissions, database, Redis, upstreams and disk space')
    .action(async () => {
    const { runDoctor } = await import('./cli/doctor.js');
    process.exitCode = await runDoctor();
});
// Account and secret commands work on the database and data dir directly, so they also work
// while the server is down: the way back in after losing the admin password.
const user = program
    .command('user')
    .description('manage accounts (works while the server is stopped)');
user
    .command('create')
    .description('create an account and print its id; the password is asked for without echo, or read from the first line of stdin (never from the command line, which others can see in `ps`)')
    .argument('<username>')
    .addOption(new Option('--role <role>', 'the role').choices(['admin', 'user']).default('user'))
    .option('--display-name <name>', 'the name shown in the UI (default: the username)')
    .option('--password-stdin', 'read the password from the first line of stdin, without a prompt')
    .action(async (username, options) => {
    const { runCommand } = await import('./cli/cli-context.js');
    const { createUserCommand } = await import('./cli/user-create.command.js');
    process.exitCode = await runCommand((context) => createUserCommand(context, { username, ...options }));
});
user
    .command('list')
    .description('list the accounts: username, role, disabled, MFA, created')
    .action(async () => {
    const { runCommand } = await import('./cli/cli-context.js');
    const { listUsersCommand } = await import('./cli/user-list.command.js');
    process.exitCode = await runCommand(listUsersCommand);
});
user
    .command('reset-password')
    .description("print a temporary password that must be changed at the next sign-in, and end the user's sessions")
    .argument('<username>')
    .action(async (username) => {
    const { runCommand } = await import('./cli/cli-context.js');
    const { resetPasswordCommand } = await import('./cli/user-reset-password.command.js');
    process.exitCode = await runCommand((context) => resetPasswordCommand(context, { username }));
});
user
    .command('disable')
    .description('stop an account from signing in and end its sessions (--enable undoes it)')
    .argument('<username>')
    .option('--enable', 'enable the account again')
    .action(async (username, options) => {
    const { runCommand } = await import('./cli/cli-context.js');
    const { setUserDisabledCommand } = await import('./cli/user-disable.command.js');
    process.exitCode = await runCommand((context) => setUserDisabledCommand(context, { username, enable: options.enable }));
});
program
    .command('secrets')
    .description('manage the generated secrets in the data dir')
    .command('rotate')
    .description('add a new access-token signing key (older keys keep verifying for a day); restart the server(s) afterwards')
    .action(async () => {
    const { runCommand } = await import('./cli/cli-context.js');
    const { rotateSecretsCommand } = await import('./cli/secrets-rotate.command.js');
    process.exitCode = await runCommand(rotateSecretsCommand);
});
await program.parseAsync();
//# sourceMappingURL=cli.js.map