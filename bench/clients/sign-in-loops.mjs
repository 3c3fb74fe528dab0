// Sign-in load for the auth benchmark, in a process of its own so that its work never delays
// the latency probe's event loop. Keeps LOOPS sign-ins in flight against ORIGIN (one connection
// each, the next sign-in sent as soon as one is answered) until stdin closes, then prints how
// many completed. Each connection signs in from an address of its own (through the trusted
// proxy header): from one address, the attempt budget would refuse them.
//
// autocannon, not fetch: this client shares the machine's two cores with the server it loads
// and with the probe, and what it spends is taken from them. undici's fetch cost 3.1–3.3 ms of
// CPU per sign-in here, more than Enclave's own event loop; autocannon costs 0.6–0.75 ms.
import process from 'node:process';
import autocannon from 'autocannon';

const { ORIGIN, LOOPS, USERNAME, PASSWORD } = process.env;
const DAY_SECONDS = 24 * 60 * 60;
let connections = 0;

const run = autocannon(
  {
    url: `${ORIGIN}/api/auth/login`,
    method: 'POST',
    connections: Number(LOOPS),
    pipelining: 1,
    // Until stdin closes.
    duration: DAY_SECONDS,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
    setupClient: (client) => {
      connections += 1;
      client.setHeaders({
        'content-type': 'application/json',
        'x-forwarded-for': `10.250.0.${connections}`,
      });
    },
  },
  (error, result) => {
    if (error) {
      process.stderr.write(`sign-ins: ${String(error)}\n`);
      process.exitCode = 1;
      return;
    }
    if (result.non2xx + result.errors + result.timeouts > 0) {
      process.stderr.write(
        `sign-ins: ${result.non2xx} answered other than 2xx, ${result.errors} errors, ${result.timeouts} timeouts\n`,
      );
      process.exitCode = 1;
    }
    process.stdout.write(`${result['2xx']}\n`);
  },
);
process.stdin
  .on('end', () => {
    run.stop();
  })
  .resume();
process.stdout.write('ready\n');
