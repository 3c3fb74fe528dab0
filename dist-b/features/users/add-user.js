import { recordAudit } from '../audit/audit.js';
import { createUser } from './create-user.js';
import { rethrowUsernameTaken } from './username-taken.js';
/** An admin creates an account (any role), audited as `user.create`. */
export async function addUser(props) {
    const { db, actor, input, request } = props;
    return db
        .transaction()
        .execute(async (trx) => {
        const user = await createUser(trx, input);
        await recordAudit(trx, request, {
            action: 'user.create',
            outcome: 'success',
            actor: { id: actor.userId, username: null },
            target: { type: 'user', id: user.id },
            details: { username: user.username, role: user.role },
        });
        return user;
    })
        .catch((error) => rethrowUsernameTaken(db, input.username, error));
}
//# sourceMappingURL=add-user.js.map