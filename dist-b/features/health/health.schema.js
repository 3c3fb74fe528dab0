import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.js';
export const LiveResponse = Type.Object({ status: Type.Literal('ok') });
export const CheckResult = Type.Object({
    status: StringEnum(['ok', 'fail']),
    latencyMs: Type.Number({ description: 'how long the check took' }),
});
export const ReadyResponse = Type.Object({
    status: StringEnum(['ok', 'fail']),
    checks: Type.Record(Type.String(), CheckResult, {
        description: '`database`, `redis` when configured, and `eventLoop`',
    }),
});
//# sourceMappingURL=health.schema.js.map