import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/support/child-process.js';
import { removeDir, tempDir } from '../../../test/support/test-env.js';

const outputDir = tempDir('enclave-next-tick-');
afterAll(() => removeDir(outputDir));

/** The feedback lines of nextTick's entry literal, after the probe's full collections. */
async function literalFeedback(args: string[]): Promise<string[]> {
  // V8 prints through C stdio, which loses its buffer at exit when writing to a pipe.
  const file = path.join(outputDir, `${args.join('-') || 'unpinned'}.txt`);
  const fd = openSync(file, 'w');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'test/support/next-tick-feedback.ts'), ...args],
    { cwd: REPO_ROOT, stdio: ['ignore', fd, 'inherit'] },
  );
  closeSync(fd);
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes('DefineKeyedOwnPropertyInLiteral'));
}

describe('pinNextTickShape', () => {
  it('keeps the inline caches of nextTick’s entry literal from going megamorphic across full collections', async () => {
    const unpinned = await literalFeedback([]);
    // The control: without the pin, Node 20 shows the problem. If this fails on a newer Node,
    // the pin may have become unnecessary.
    expect(unpinned.some((line) => line.includes('MEGAMORPHIC'))).toBe(true);

    const pinned = await literalFeedback(['pinned']);
    expect(pinned.length).toBeGreaterThan(0);
    expect(pinned.filter((line) => line.includes('MEGAMORPHIC'))).toEqual([]);
  }, 60_000);
});
