// Baseline for the streaming-writes benchmark: Enclave exactly as dist/main.js runs it, except
// that streaming text is not written to the database while it streams (only when it ends).
// Imported by URL so the type check of these baselines does not descend into the built dist/.
import { URL } from 'node:url';

/** @type {(url: string) => Promise<{ runServer(options: { streamingTextWrites?: boolean }): Promise<void> }>} */
const load = (url) => import(url);
const enclave = await load(new URL('../../dist/main.js', import.meta.url).href);

await enclave.runServer({ streamingTextWrites: false });
