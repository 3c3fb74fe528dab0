import { afterEach } from 'vitest';
import { runningServers } from './server.js';

const LINES = 60;

/**
 * When a browser test fails, the end of each running server's log goes to the test output:
 * a CI run keeps nothing else of it, and a page that shows nothing rarely says why.
 */
afterEach(({ task }) => {
  if (task.result?.state !== 'fail') return;
  for (const server of runningServers()) {
    const tail = server.output().trimEnd().split('\n').slice(-LINES).join('\n');
    console.error(`--- ${server.url}: the server's last ${LINES} log lines ---\n${tail}`);
  }
});
