import type { Role } from '../../api/types';
import type { AdminUser, UserPatch } from './admin-api';

/** What changed between the user and the edit form, as the PATCH body; null for nothing. */
export function userPatch(
  user: AdminUser,
  form: { displayName: string; role: Role; disabled: boolean },
): UserPatch | null {
  const patch: UserPatch = {};
  const displayName = form.displayName.trim();
  if (displayName !== '' && displayName !== user.displayName) patch.displayName = displayName;
  if (form.role !== user.role) patch.role = form.role;
  if (form.disabled !== user.disabled) patch.disabled = form.disabled;
  return Object.keys(patch).length > 0 ? patch : null;
}
