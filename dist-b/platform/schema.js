import { Type } from '@sinclair/typebox';
/**
 * A string limited to `values`, written as a plain JSON Schema `enum` so Ajv validates it and
 * reports the allowed values (TypeBox's own Enum wants a TypeScript enum object).
 */
export function StringEnum(values, options = {}) {
    return Type.Unsafe({ type: 'string', enum: [...values], ...options });
}
//# sourceMappingURL=schema.js.map