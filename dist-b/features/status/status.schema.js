import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.js';
export const LEVELS = ['green', 'amber', 'red'];
export const StatusLevel = StringEnum(LEVELS);
export const CHECK_KINDS = [
    'database',
    'redis',
    'upstream',
    'disk',
    'memory',
    'eventLoop',
];
/** Flat details: the response schema lets only scalars through, so nothing nested can leak. */
const DetailValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
export const StatusCheck = Type.Object({
    name: Type.String({ description: '`database`, `redis`, `upstream:<provider id>`, `disk`, …' }),
    kind: StringEnum(CHECK_KINDS),
    status: StatusLevel,
    summary: Type.String({ description: 'one line for people' }),
    details: Type.Record(Type.String(), DetailValue, {
        description: 'measurements behind the status; the fields depend on `kind`',
    }),
});
export const StatusResponse = Type.Object({
    status: StatusLevel,
    checkedAt: Type.String({ description: 'ISO 8601 UTC' }),
    version: Type.String(),
    uptimeSeconds: Type.Integer(),
    checks: Type.Array(StatusCheck),
});
//# sourceMappingURL=status.schema.js.map