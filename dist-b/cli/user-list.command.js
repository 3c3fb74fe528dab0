import { withDatabase } from './cli-context.js';
import { listAllUsers } from './users.queries.js';
const HEADER = ['USERNAME', 'ROLE', 'DISABLED', 'MFA', 'CREATED'];
const yesNo = (flag) => (flag === 1 ? 'yes' : 'no');
/** `enclave user list`: every account as a table, oldest first. */
export async function listUsersCommand(context) {
    const users = await withDatabase(context.config, ({ db }) => listAllUsers(db));
    if (users.length === 0) {
        context.err('No users yet. Create the first admin with `enclave user create <username> --role admin`, or in the browser with the setup code.');
        return;
    }
    const rows = users.map((user) => [
        user.username,
        user.role,
        yesNo(user.disabled),
        yesNo(user.mfa_enabled),
        user.created_at,
    ]);
    for (const line of formatTable([HEADER, ...rows]))
        context.out(line);
}
/** Left-aligned columns two spaces apart, without trailing spaces. */
export function formatTable(rows) {
    const widths = [];
    for (const row of rows) {
        row.forEach((cell, column) => {
            widths[column] = Math.max(widths[column] ?? 0, cell.length);
        });
    }
    return rows.map((row) => row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd());
}
//# sourceMappingURL=user-list.command.js.map