import { recordAudit } from '../audit/audit.js';
import { startSession } from '../auth/sessions.js';
import { createUser } from './create-user.js';
/**
 * Creates a user, opens their first session and records `action`, all in the caller's
 * transaction: for setup (the first admin) and self-registration.
 */
export async function createAndSignIn(trx, props) {
    const user = await createUser(trx, props.input);
    const pair = await startSession(trx, props.tokens, user, props.request);
    await recordAudit(trx, props.request, {
        action: props.action,
        outcome: 'success',
        actor: { id: user.id, username: user.username },
        target: { type: 'user', id: user.id },
    });
    return { user, pair };
}
//# sourceMappingURL=create-and-sign-in.js.map