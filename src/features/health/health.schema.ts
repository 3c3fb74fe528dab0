import { Type, type Static } from 'typebox';

export const LiveResponse = Type.Object({ status: Type.Literal('ok') });

export const CheckResult = Type.Object({
  status: Type.Enum(['ok', 'fail']),
  latencyMs: Type.Number({ description: 'how long the check took' }),
});
export type CheckResult = Static<typeof CheckResult>;

export const ReadyResponse = Type.Object({
  status: Type.Enum(['ok', 'fail']),
  checks: Type.Record(Type.String(), CheckResult, {
    description: '`database`, `redis` when configured, and `eventLoop`',
  }),
});
export type ReadyResponse = Static<typeof ReadyResponse>;
