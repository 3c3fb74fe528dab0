import { Value } from '@sinclair/typebox/value';
import { recordAudit } from '../features/audit/audit.js';
import { Username } from '../features/auth/auth.schema.js';
import { removeSetupCode } from '../features/setup/setup-code.js';
import { createUser } from '../features/users/create-user.js';
import { CliError, withDatabase } from './cli-context.js';
import { readPassword } from './read-password.js';
const MAX_DISPLAY_NAME = 100;
/**
 * `enclave user create <username>`: creates an account under the same rules as the admin API
 * (username format, password policy, unique name) and prints its id on stdout.
 */
export async function createUserCommand(context, options) {
    // Not a type guard here: the username is a string either way.
    const validName = Value.Check(Username, options.username);
    if (!validName) {
        throw new CliError(`"${options.username}" is not a valid username: 3 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.`);
    }
    const displayName = options.displayName?.trim();
    if (displayName !== undefined &&
        (displayName.length === 0 || displayName.length > MAX_DISPLAY_NAME)) {
        throw new CliError(`The display name must have 1 to ${MAX_DISPLAY_NAME} characters.`);
    }
    const password = await readPassword({
        input: context.stdin,
        prompt: context.err,
        fromStdin: options.passwordStdin === true,
    });
    const user = await withDatabase(context.config, ({ db }) => db.transaction().execute(async (trx) => {
        const created = await createUser(trx, {
            username: options.username,
            password,
            displayName,
            role: options.role,
        });
        await recordAudit(trx, null, {
            action: 'user.create',
            outcome: 'success',
            target: { type: 'user', id: created.id },
            details: { via: 'cli', username: created.username, role: created.role },
        });
        return created;
    }));
    // An account now exists, so the one-time setup code is void (as after setup in the browser).
    removeSetupCode(context.config.dataDir);
    context.out(user.id);
    context.err(`Created ${user.role} "${user.username}".`);
}
//# sourceMappingURL=user-create.command.js.map