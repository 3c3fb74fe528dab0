import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { sharedSerializerBuilder, sharedValidatorBuilder } from './schema-compilers.js';

const Reply = Type.Object({ name: Type.String(), count: Type.Integer() });
const route = { method: 'GET', url: '/thing', httpStatus: '200', schema: Reply };
const ajv = { customOptions: { allErrors: true, coerceTypes: 'array' as const } };

describe('schema compilers shared by every app of the process', () => {
  it('compile a response schema once for apps with the same shared schemas, and serialize by it', () => {
    const first = sharedSerializerBuilder({}, {})(route);
    const second = sharedSerializerBuilder({}, {})(route);
    expect(second).toBe(first);
    // Fields the schema does not name are never sent.
    expect(first({ name: 'a', count: 2, secret: 'x' })).toBe('{"name":"a","count":2}');
  });

  it('compile anew when the shared schemas differ', () => {
    const plain = sharedSerializerBuilder({}, {})(route);
    const other = sharedSerializerBuilder({ Extra: { $id: 'Extra', type: 'string' } }, {})(route);
    expect(other).not.toBe(plain);
  });

  it('reuse a request validator across apps, and it still reports every error', () => {
    const compile = { schema: Reply, method: 'POST', url: '/thing', httpPart: 'body' };
    const first = sharedValidatorBuilder({}, ajv)(compile);
    const second = sharedValidatorBuilder({}, ajv)(compile);
    expect(second).toBe(first);
    expect(first({ name: 'a', count: 1 })).toBe(true);
    expect(first({ name: {}, count: 'x' })).toBe(false);
    expect(first.errors?.length).toBe(2);
  });
});
