import { describe, expect, it } from 'vitest';
import { spawnTs } from '../../../test/support/child-process.js';
import { batchedDestination } from './batched-destination.js';

/** A destination that keeps each write it receives. */
function recorder() {
  const writes: string[] = [];
  return { writes, write: (chunk: string) => void writes.push(chunk) };
}

const turnEnds = () => new Promise((resolve) => setImmediate(resolve));

describe('batched log destination', () => {
  it("writes a turn's lines once, in order, when the turn ends", async () => {
    const target = recorder();
    const destination = batchedDestination(target);
    destination.write('one\n');
    destination.write('two\n');
    destination.write('three\n');
    expect(target.writes).toEqual([]);
    await turnEnds();
    expect(target.writes).toEqual(['one\ntwo\nthree\n']);

    destination.write('four\n');
    await turnEnds();
    expect(target.writes).toEqual(['one\ntwo\nthree\n', 'four\n']);
  });

  it('writes at once when 16 KiB are waiting, so a burst is not held in memory', () => {
    const target = recorder();
    const destination = batchedDestination(target);
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 16; i++) destination.write(line);
    expect(target.writes).toEqual([line.repeat(16)]);
  });

  it('writes what is waiting when the process exits', async () => {
    const child = spawnTs('test/support/log-then-exit.ts', [], {});
    const { code } = await child.exited;
    expect(code).toBe(0);
    const lines = child
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual(['first', 'last before exit']);
  });
});
