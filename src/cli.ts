#!/usr/bin/env node
import { Command } from 'commander';
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

await program.parseAsync();
