import { Type } from '@sinclair/typebox';
import { LANGUAGES } from '../../config/config.schema.js';
import { StringEnum } from '../../platform/schema.js';
const InstanceName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const ModelName = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
/** Every instance setting with its type (the stored values are checked against it too). */
export const SettingsValues = Type.Object({
    registrationOpen: Type.Boolean({ description: 'whether anyone may create an account' }),
    instanceName: InstanceName,
    // Null first: with coercion on, Ajv would turn a null into '' trying the string branch.
    defaultModel: Type.Union([Type.Null(), ModelName], { description: 'model new chats start with' }),
    language: StringEnum(LANGUAGES, { description: 'interface language' }),
});
export const SettingsPatch = Type.Partial(SettingsValues, {
    additionalProperties: false,
    minProperties: 1,
});
const entry = (value) => Type.Object({
    value,
    locked: Type.Boolean({ description: 'fixed by an environment variable; read-only here' }),
});
export const SettingsView = Type.Object({
    registrationOpen: entry(SettingsValues.properties.registrationOpen),
    instanceName: entry(SettingsValues.properties.instanceName),
    defaultModel: entry(SettingsValues.properties.defaultModel),
    language: entry(SettingsValues.properties.language),
});
//# sourceMappingURL=settings.schema.js.map