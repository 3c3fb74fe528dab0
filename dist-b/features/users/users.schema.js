import { Type } from '@sinclair/typebox';
/** A name to show; blank names are refused rather than stored. */
export const DisplayName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
//# sourceMappingURL=users.schema.js.map