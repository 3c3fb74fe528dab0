#!/usr/bin/env node
import { Command } from 'commander';
import { runDoctor } from './cli/doctor.js';
import { runMigrate } from './cli/migrate.command.js';
import { runServer } from './main.js';
import { VERSION } from './version.js';

const program = new Command('enclave')
  .description('Enclave: a self-hosted, offline AI workspace')
  .version(VERSION);

program
  .command('serve')
  .description('start the server (the same as `npm start`)')
  .action(async () => {
    await runServer();
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    process.exitCode = await runMigrate();
  });

program
  .command('doctor')
  .description('check settings, permissions, database, Redis, upstreams and disk space')
  .action(async () => {
    process.exitCode = await runDoctor();
  });

await program.parseAsync();
