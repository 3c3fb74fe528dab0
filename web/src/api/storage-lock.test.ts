import { describe, expect, it } from 'vitest';
import { withStorageLock } from './storage-lock';

describe('the localStorage lock (plain-HTTP pages have no Web Locks)', () => {
  it('runs one holder at a time', async () => {
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      events.push(`${name} out`);
    };
    await Promise.all([withStorageLock('test', work('a')), withStorageLock('test', work('b'))]);
    expect(events).toHaveLength(4);
    expect(events[0]?.endsWith('in') && events[1]?.endsWith('out')).toBe(true);
    expect(window.localStorage.getItem('test.lock')).toBeNull();
  });

  it('takes over a lock whose holder went away without releasing it', async () => {
    window.localStorage.setItem(
      'test.lock',
      JSON.stringify({ owner: 'gone', until: Date.now() - 1 }),
    );
    await expect(withStorageLock('test', async () => 'ran')).resolves.toBe('ran');
  });
});
