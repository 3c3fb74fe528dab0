// Sign-in load for the auth benchmark, in a process of its own so that its work never delays
// the latency probe's event loop. Runs LOOPS sign-ins at once against ORIGIN until stdin
// closes, then prints how many completed. Each loop signs in from an address of its own
// (through the trusted proxy header): from one address, the attempt budget would refuse them.
import process from 'node:process';
import { fetch } from 'undici';

const { ORIGIN, LOOPS, USERNAME, PASSWORD } = process.env;
let stopped = false;
let completed = 0;
process.stdin.on('end', () => (stopped = true)).resume();

async function loop(index) {
  while (!stopped) {
    const response = await fetch(`${ORIGIN}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.250.0.${index + 1}` },
      body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
    completed += 1;
  }
}

process.stdout.write('ready\n');
try {
  await Promise.all(Array.from({ length: Number(LOOPS) }, (_, index) => loop(index)));
  process.stdout.write(`${completed}\n`);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
