import { Ajv } from 'ajv';
import { AppError } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { SettingsValues, } from './settings.schema.js';
const DEFAULTS = {
    registrationOpen: false,
    instanceName: 'Enclave',
    defaultModel: null,
    language: 'en',
};
/** The environment variable that fixes each setting (named in the 409 of a locked change). */
export const SETTING_ENV = {
    registrationOpen: 'ENCLAVE_REGISTRATION_OPEN',
    instanceName: 'ENCLAVE_INSTANCE_NAME',
    defaultModel: 'ENCLAVE_DEFAULT_MODEL',
    language: 'ENCLAVE_LANGUAGE',
};
const KEYS = Object.keys(DEFAULTS);
// Stored values are checked against the same schemas as the API's (TypeBox's own checker does
// not know the plain-JSON-Schema enums these use). Compiled on first use, not at start-up.
let validators;
function storedValueFits(key, value) {
    if (!validators) {
        const ajv = new Ajv();
        validators = Object.fromEntries(KEYS.map((k) => [k, ajv.compile(SettingsValues.properties[k])]));
    }
    return validators[key](value);
}
const isSettingKey = (key) => key in DEFAULTS;
const isLocked = (fixed, key) => fixed[key] !== null;
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/**
 * Every setting in force: the environment's value when it fixes one, else the stored value,
 * else the default. A stored value that no longer fits its schema (written by another
 * version, or by hand) counts as unset rather than failing every reader.
 */
export async function readSettingValues(db, fixed) {
    const values = { ...DEFAULTS };
    const unfixed = KEYS.filter((key) => !isLocked(fixed, key));
    const rows = unfixed.length === 0
        ? []
        : await db
            .selectFrom('settings')
            .select(['key', 'value'])
            .where('key', 'in', unfixed)
            .execute();
    for (const row of rows) {
        const stored = parseJson(row.value);
        if (isSettingKey(row.key) && storedValueFits(row.key, stored)) {
            values[row.key] = stored;
        }
    }
    for (const key of KEYS)
        if (isLocked(fixed, key))
            values[key] = fixed[key];
    // Each value is a default, a checked stored value or a validated environment value.
    return values;
}
/** One setting in force, for any feature that depends on it (e.g. registration). */
export async function readSetting(db, fixed, key) {
    return (await readSettingValues(db, fixed))[key];
}
/** Every setting with whether the environment locks it, as the settings page shows them. */
export async function readSettings(db, fixed) {
    const values = await readSettingValues(db, fixed);
    return {
        registrationOpen: {
            value: values.registrationOpen,
            locked: isLocked(fixed, 'registrationOpen'),
        },
        instanceName: { value: values.instanceName, locked: isLocked(fixed, 'instanceName') },
        defaultModel: { value: values.defaultModel, locked: isLocked(fixed, 'defaultModel') },
        language: { value: values.language, locked: isLocked(fixed, 'language') },
    };
}
/**
 * An admin changes settings: all of them or none. A setting the environment fixes is refused
 * (409 `conflict`, naming the variable), since a stored value would be silently overruled.
 */
export async function changeSettings(props) {
    const { db, fixed, actor, changes, request } = props;
    const keys = KEYS.filter((key) => changes[key] !== undefined);
    for (const key of keys) {
        if (isLocked(fixed, key)) {
            throw new AppError('conflict', `${key} is set by the environment variable ${SETTING_ENV[key]} and cannot be changed here.`);
        }
    }
    await db.transaction().execute(async (trx) => {
        for (const key of keys) {
            const value = JSON.stringify(changes[key]);
            await trx
                .insertInto('settings')
                .values({ key, value })
                .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: new Date().toISOString() }))
                .execute();
        }
        await recordAudit(trx, request, {
            action: 'settings.update',
            outcome: 'success',
            actor: { id: actor.userId, username: null },
            details: { changed: Object.fromEntries(keys.map((key) => [key, changes[key]])) },
        });
    });
    return readSettings(db, fixed);
}
//# sourceMappingURL=settings.js.map