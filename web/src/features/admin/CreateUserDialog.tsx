import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';
import { PasswordRules } from '../../lib/PasswordRules';
import { passwordMeetsRules } from '../../lib/password-rules';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { useErrorMessage } from '../../ui/error-message';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { useToast } from '../../ui/Toaster';
import { useCreateUser } from './admin-api';

const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/** Username, optional display name, initial password and role. */
export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  return (
    <Dialog open={open} onClose={onClose} title={t('users.createTitle')}>
      {open && <CreateUserForm onDone={onClose} />}
    </Dialog>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const message = useErrorMessage();
  const toast = useToast();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('user');
  const trimmed = username.trim();
  const usernameInvalid = trimmed !== '' && !USERNAME_PATTERN.test(trimmed);
  const ready = USERNAME_PATTERN.test(trimmed) && passwordMeetsRules(password, trimmed);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    create.mutate(
      {
        username: trimmed,
        password,
        role,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      },
      {
        onSuccess: (user) => {
          toast.success(t('users.createdToast', { username: user.username }));
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {create.isError && <Alert tone="error">{message(create.error)}</Alert>}
      <TextField
        label={t('users.username')}
        hint={t('users.usernameHint')}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        error={usernameInvalid ? t('users.usernameInvalid') : undefined}
        onChange={(event) => setUsername(event.target.value)}
      />
      <TextField
        label={t('users.displayNameOptional')}
        autoComplete="off"
        maxLength={100}
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <TextField
        label={t('users.password')}
        hint={t('users.passwordHint')}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        description={<PasswordRules password={password} username={trimmed} />}
      />
      <SelectField
        label={t('users.role')}
        value={role}
        options={[
          { value: 'user', label: tc('roles.user') },
          { value: 'admin', label: tc('roles.admin') },
        ]}
        onChange={(event) => setRole(event.target.value === 'admin' ? 'admin' : 'user')}
      />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={create.isPending}>
          {tc('actions.cancel')}
        </Button>
        <Button type="submit" loading={create.isPending} disabled={!ready}>
          {t('users.submit')}
        </Button>
      </div>
    </form>
  );
}
