import { Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.js';
import { Password, Username } from '../auth/auth.schema.js';
import { ROLES } from '../auth/policy.js';
import { UserSchema } from '../users/user.presenter.js';
import { DisplayName } from '../users/users.schema.js';
const closed = { additionalProperties: false };
export const DEFAULT_PAGE_SIZE = 50;
export const UserListQuery = Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: DEFAULT_PAGE_SIZE })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'nextCursor of the previous page' })),
}, closed);
export const UserList = Type.Object({
    items: Type.Array(UserSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const CreateUserBody = Type.Object({
    username: Username,
    password: Password,
    role: Type.Optional(StringEnum(ROLES, { default: 'user' })),
    displayName: Type.Optional(DisplayName),
}, closed);
export const UpdateUserBody = Type.Object({
    role: Type.Optional(StringEnum(ROLES)),
    disabled: Type.Optional(Type.Boolean()),
    displayName: Type.Optional(DisplayName),
}, { ...closed, minProperties: 1 });
export const TemporaryPassword = Type.Object({
    temporaryPassword: Type.String({ description: 'shown once; must be changed at next sign-in' }),
});
//# sourceMappingURL=admin-users.schema.js.map