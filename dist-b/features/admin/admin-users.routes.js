import { IdParams } from '../auth/auth.schema.js';
import { principalOf } from '../auth/auth-guard.js';
import { addUser } from '../users/add-user.js';
import { deleteUser } from '../users/delete-user.js';
import { resetPassword } from '../users/reset-password.js';
import { updateUser } from '../users/update-user.js';
import { presentUser, UserSchema } from '../users/user.presenter.js';
import { listUsers } from '../users/users.queries.js';
import { CreateUserBody, DEFAULT_PAGE_SIZE, TemporaryPassword, UpdateUserBody, UserList, UserListQuery, } from './admin-users.schema.js';
const tags = ['admin'];
const adminOnly = { auth: { role: 'admin' } };
/** User management for admins: list, create, change, reset a password, delete. */
export const adminUserRoutes = async (app, { services }) => {
    const { db } = services;
    app.get('/api/admin/users', {
        config: adminOnly,
        schema: {
            tags,
            summary: 'Users, newest first',
            querystring: UserListQuery,
            response: { 200: UserList },
        },
    }, async (request) => {
        const { limit = DEFAULT_PAGE_SIZE, cursor } = request.query;
        const { rows, nextCursor } = await listUsers(db, { limit, cursor });
        return { items: rows.map(presentUser), nextCursor };
    });
    app.post('/api/admin/users', {
        config: adminOnly,
        schema: {
            tags,
            summary: 'Create a user',
            body: CreateUserBody,
            response: { 201: UserSchema },
        },
    }, async (request, reply) => {
        const { role = 'user', ...rest } = request.body;
        const user = await addUser({
            db,
            actor: principalOf(request),
            input: { ...rest, role },
            request,
        });
        return reply.code(201).send(presentUser(user));
    });
    app.patch('/api/admin/users/:id', {
        config: adminOnly,
        schema: {
            tags,
            summary: "Change a user's role, disabled flag or display name",
            params: IdParams,
            body: UpdateUserBody,
            response: { 200: UserSchema },
        },
    }, async (request) => {
        const user = await updateUser({
            services,
            actor: principalOf(request),
            userId: request.params.id,
            changes: request.body,
            request,
        });
        return presentUser(user);
    });
    app.post('/api/admin/users/:id/reset-password', {
        config: adminOnly,
        schema: {
            tags,
            summary: 'Replace a password with a temporary one; the user’s sessions end',
            params: IdParams,
            response: { 200: TemporaryPassword },
        },
    }, async (request) => ({
        temporaryPassword: await resetPassword({
            services,
            actor: principalOf(request),
            userId: request.params.id,
            request,
        }),
    }));
    app.delete('/api/admin/users/:id', {
        config: adminOnly,
        schema: { tags, summary: 'Delete a user; their sessions and keys end', params: IdParams },
    }, async (request, reply) => {
        await deleteUser({
            services,
            actor: principalOf(request),
            userId: request.params.id,
            request,
        });
        return reply.code(204).send();
    });
};
//# sourceMappingURL=admin-users.routes.js.map