import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.js';

export interface BackPressureOptions {
  maxEventLoopDelayMs: number;
  sampleIntervalMs: number;
}

const RETRY_AFTER_SECONDS = 5;

/**
 * When the event loop lags past the threshold, new requests get 503 `overloaded` with
 * Retry-After instead of queueing up behind the lag. Health routes opt out (see
 * `exemptFromBackPressure`) so they keep telling the truth about the instance.
 */
export const backPressure = fp(
  async (app: FastifyInstance, options: BackPressureOptions) => {
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      sampleInterval: options.sampleIntervalMs,
      retryAfter: RETRY_AFTER_SECONDS,
      customError: class OverloadedError extends AppError {
        constructor() {
          super('overloaded', `The server is overloaded; retry in ${RETRY_AFTER_SECONDS} s.`);
        }
      },
    });
  },
  { name: 'back-pressure' },
);

/** Route config for routes that must answer even under pressure. */
export const exemptFromBackPressure = { pressureHandler: () => undefined } as const;
