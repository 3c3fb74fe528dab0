import { describe, expect, it } from 'vitest';
import { FairQueue, type ReleaseSlot } from './fair-queue.js';

/** Queues a call for `userId`, recording the order slots are granted and positions reported. */
function enqueue(
  queue: FairQueue,
  userId: string,
  label: string,
  log: { granted: string[]; positions: Record<string, number[]> },
  signal = new AbortController().signal,
): Promise<ReleaseSlot> {
  log.positions[label] = [];
  return queue
    .acquire({ userId, signal, onQueued: (position) => log.positions[label]?.push(position) })
    .then((release) => {
      log.granted.push(label);
      return release;
    });
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('fair queue', () => {
  it('serves users round-robin, first come first served within one user', async () => {
    const queue = new FairQueue(1);
    const log = { granted: [] as string[], positions: {} as Record<string, number[]> };
    const calls = new Map<string, Promise<ReleaseSlot>>();
    for (const [user, label] of [
      ['alice', 'a1'],
      ['alice', 'a2'],
      ['alice', 'a3'],
      ['alice', 'a4'],
      ['bob', 'b1'],
      ['bob', 'b2'],
      ['carol', 'c1'],
    ] as const) {
      calls.set(label, enqueue(queue, user, label, log));
    }
    // Each call runs alone (concurrency 1) and ends; the next one is whoever the queue picks.
    while (log.granted.length < calls.size) {
      const running = log.granted.length;
      await flush();
      expect(log.granted).toHaveLength(running + 1);
      (await calls.get(log.granted.at(-1)!)!)();
    }
    expect(log.granted).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
  });

  it('reports each waiter its place in line on every change, 1 being next', async () => {
    const queue = new FairQueue(1);
    const log = { granted: [] as string[], positions: {} as Record<string, number[]> };
    const running = await enqueue(queue, 'alice', 'a1', log);
    const a2 = enqueue(queue, 'alice', 'a2', log);
    const a3 = enqueue(queue, 'alice', 'a3', log);
    // Bob arrives later but goes before Alice's second waiting call: Alice was served last.
    const b1 = enqueue(queue, 'bob', 'b1', log);
    expect(log.positions).toEqual({ a1: [], a2: [1, 2], a3: [2, 3], b1: [1] });

    running();
    const next = await b1;
    expect(log.positions).toMatchObject({ a2: [1, 2, 1], a3: [2, 3, 2] });
    next();
    (await a2)();
    (await a3)();
    expect(log.positions.a3).toEqual([2, 3, 2, 1]);
    expect(queue.waiting).toBe(0);
    expect(queue.active).toBe(0);
  });

  it('removes a waiter whose signal aborts, rejecting with its reason and moving others up', async () => {
    const queue = new FairQueue(1);
    const log = { granted: [] as string[], positions: {} as Record<string, number[]> };
    const release = await enqueue(queue, 'alice', 'a1', log);
    const controller = new AbortController();
    const cancelled = enqueue(queue, 'bob', 'b1', log, controller.signal);
    const c1 = enqueue(queue, 'carol', 'c1', log);
    expect(queue.waiting).toBe(2);

    const reason = new Error('client went away');
    controller.abort(reason);
    await expect(cancelled).rejects.toBe(reason);
    expect(queue.waiting).toBe(1);
    expect(log.positions.c1).toEqual([2, 1]);

    release();
    (await c1)();
    expect(log.granted).toEqual(['a1', 'c1']);
    await expect(queue.acquire({ userId: 'x', signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    expect(queue.waiting).toBe(0);
  });

  it('runs at most `concurrency` calls at once and lets more in when it grows', async () => {
    const queue = new FairQueue(2);
    const log = { granted: [] as string[], positions: {} as Record<string, number[]> };
    const calls = ['u1', 'u2', 'u3', 'u4', 'u5'].map((user) => enqueue(queue, user, user, log));
    await flush();
    expect(log.granted).toEqual(['u1', 'u2']);
    expect(queue.active).toBe(2);
    expect(queue.waiting).toBe(3);

    const release = await calls[0]!;
    release();
    release(); // a second release gives nothing back twice
    await flush();
    expect(log.granted).toEqual(['u1', 'u2', 'u3']);
    expect(queue.active).toBe(2);

    queue.setConcurrency(4);
    await flush();
    expect(log.granted).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(queue.active).toBe(4);
  });

  it('rejects every waiter when the upstream goes away, leaving running calls alone', async () => {
    const queue = new FairQueue(1);
    const log = { granted: [] as string[], positions: {} as Record<string, number[]> };
    const running = await enqueue(queue, 'alice', 'a1', log);
    const waiting = enqueue(queue, 'bob', 'b1', log);
    const reason = new Error('gone');
    queue.rejectAll(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(queue.active).toBe(1);
    running();
    expect(queue.active).toBe(0);
  });
});
