// Prints whether V8's inline caches for the object literal in process.nextTick went megamorphic
// after several full garbage collections. Run with `pinned` to pin the entry's shape first.
// Used by src/platform/runtime/next-tick-shape.test.ts.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pinNextTickShape } from '../../src/platform/runtime/next-tick-shape.js';

setFlagsFromString('--expose-gc');
setFlagsFromString('--allow-natives-syntax');
const gc = runInNewContext('gc') as () => void;
// %DebugPrint writes the function's feedback vector, one line per inline cache, to stdout. The
// natives syntax parses only in code compiled after the flag is set, hence a Function.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const debugPrint = new Function('value', '%DebugPrint(value)') as (value: unknown) => void;

if (process.argv.includes('pinned')) pinNextTickShape();

const tick = () => new Promise<void>((resolve) => process.nextTick(resolve));
for (let collection = 0; collection < 8; collection += 1) {
  // Warm enough for the optimizing compiler, then collect with no entry queued.
  for (let call = 0; call < 20_000; call += 1) await tick();
  await new Promise((resolve) => setTimeout(resolve, 1));
  gc();
}
// Printed, not called: the function object carries the feedback vector.
// eslint-disable-next-line @typescript-eslint/unbound-method
debugPrint(process.nextTick);
