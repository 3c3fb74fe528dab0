import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
/**
 * Fastify's own schema compilers (Ajv for request validation, fast-json-stringify for responses),
 * kept for the life of the process instead of per app, so a second app with the same schemas
 * reuses what the first compiled. Compiling every route's schemas was most of the time `ready()`
 * took; one server builds one app, but the tests build hundreds.
 *
 * Validators: the compiler already keeps one Ajv instance per set of shared schemas and options,
 * and Ajv keeps every schema object it compiled. One caveat of handing Fastify a validator
 * builder: it no longer lower-cases the property names of `headers` schemas, so such a schema
 * must name its headers in lower case (none does today).
 *
 * Serializers: a response schema object compiles once per set of shared schemas and options.
 */
export const sharedValidatorBuilder = AjvCompiler();
const serializers = new WeakMap();
const buildSerializer = SerializerSelector();
export const sharedSerializerBuilder = (externalSchemas, options) => {
    const compile = buildSerializer(externalSchemas, options);
    const context = JSON.stringify(externalSchemas) + JSON.stringify(options ?? {});
    return (route) => {
        const { schema } = route;
        if (typeof schema !== 'object' || schema === null)
            return compile(route);
        let compiled = serializers.get(schema);
        if (!compiled) {
            compiled = new Map();
            serializers.set(schema, compiled);
        }
        let serializer = compiled.get(context);
        if (!serializer) {
            serializer = compile(route);
            compiled.set(context, serializer);
        }
        return serializer;
    };
};
//# sourceMappingURL=schema-compilers.js.map