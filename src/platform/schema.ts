import { Type, type SchemaOptions, type TUnsafe } from '@sinclair/typebox';

/**
 * A string limited to `values`, written as a plain JSON Schema `enum` so Ajv validates it and
 * reports the allowed values (TypeBox's own Enum wants a TypeScript enum object).
 */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: SchemaOptions = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
