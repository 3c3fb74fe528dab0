import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.js';
export const UserSchema = Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: StringEnum(['admin', 'user']),
    mfaEnabled: Type.Boolean(),
    mustChangePassword: Type.Boolean(),
    disabled: Type.Boolean(),
    createdAt: Type.String(),
}, { $id: 'User' });
/** The one shape a user leaves the server in; hashes and secrets never do. */
export function presentUser(row) {
    return {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        mfaEnabled: row.mfa_enabled === 1,
        mustChangePassword: row.must_change_password === 1,
        disabled: row.disabled === 1,
        createdAt: row.created_at,
    };
}
//# sourceMappingURL=user.presenter.js.map