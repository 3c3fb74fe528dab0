import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';
import { useAuth, useUser } from '../../auth/auth-context';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CheckboxField } from '../../ui/CheckboxField';
import { Dialog } from '../../ui/Dialog';
import { useErrorMessage } from '../../ui/error-message';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { useToast } from '../../ui/Toaster';
import { useUpdateUser, type AdminUser } from './admin-api';
import { userPatch } from './user-patch';

/** Edits a user's display name, role and disabled flag. */
export function UserDialog({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  return (
    <Dialog
      open={user !== null}
      onClose={onClose}
      title={t('users.editTitle', { username: user?.username ?? '' })}
    >
      {user && <UserForm key={user.id} user={user} onDone={onClose} />}
    </Dialog>
  );
}

function UserForm({ user, onDone }: { user: AdminUser; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const me = useUser();
  const { reloadUser } = useAuth();
  const message = useErrorMessage();
  const toast = useToast();
  const update = useUpdateUser();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [disabled, setDisabled] = useState(user.disabled);
  const self = me.id === user.id;
  const nameInvalid = displayName.trim() === '' || displayName.trim().length > 100;
  const patch = userPatch(user, { displayName, role, disabled });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (nameInvalid) return;
    if (!patch) {
      onDone();
      return;
    }
    update.mutate(
      { id: user.id, patch },
      {
        onSuccess: () => {
          toast.success(t('users.saved', { username: user.username }));
          // The header shows the signed-in person's own name.
          if (self) void reloadUser().catch(() => undefined);
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {update.isError && <Alert tone="error">{message(update.error)}</Alert>}
      <TextField
        label={t('users.displayName')}
        autoComplete="off"
        maxLength={100}
        value={displayName}
        error={nameInvalid ? t('users.displayNameInvalid') : undefined}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <SelectField
        label={t('users.role')}
        hint={self ? t('users.selfHint') : t('users.roleHint')}
        value={role}
        disabled={self}
        options={[
          { value: 'user', label: tc('roles.user') },
          { value: 'admin', label: tc('roles.admin') },
        ]}
        onChange={(event) => setRole(event.target.value === 'admin' ? 'admin' : 'user')}
      />
      <CheckboxField
        label={t('users.disabledLabel')}
        hint={t('users.disabledHint')}
        checked={disabled}
        disabled={self}
        onChange={(event) => setDisabled(event.target.checked)}
      />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={update.isPending}>
          {tc('actions.cancel')}
        </Button>
        <Button type="submit" loading={update.isPending} disabled={nameInvalid}>
          {t('users.save')}
        </Button>
      </div>
    </form>
  );
}
