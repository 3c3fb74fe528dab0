import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('loggers on standard output', () => {
  it('share one destination: many loggers add at most one exit hook', () => {
    const before = process.listenerCount('exit');
    for (let i = 0; i < 20; i++) createLogger('silent');
    expect(process.listenerCount('exit') - before).toBeLessThanOrEqual(1);
  });
});
