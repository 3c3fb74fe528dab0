import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordRules } from '../../lib/PasswordRules';
import { passwordMeetsRules } from '../../lib/password-rules';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { StepHeading } from './StepHeading';

const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

export interface AdminAccount {
  username: string;
  displayName: string;
  password: string;
}

/** Step 2: the first admin's account, with the password rules ticked off as they type. */
export function AdminStep({
  initial,
  busy,
  error,
  onBack,
  onSubmit,
}: {
  initial: { username?: string; displayName?: string };
  busy: boolean;
  error: string | null;
  onBack: () => void;
  onSubmit: (account: AdminAccount) => void;
}) {
  const { t } = useTranslation('setup');
  const [username, setUsername] = useState(initial.username ?? '');
  const [displayName, setDisplayName] = useState(initial.displayName ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const trimmed = username.trim();
  const usernameInvalid = trimmed !== '' && !USERNAME_PATTERN.test(trimmed);
  const mismatch = confirm !== '' && confirm !== password;
  const ready =
    USERNAME_PATTERN.test(trimmed) && passwordMeetsRules(password, trimmed) && confirm === password;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) onSubmit({ username: trimmed, displayName: displayName.trim(), password });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <StepHeading description={t('admin.description')}>{t('admin.title')}</StepHeading>
      {error && <Alert tone="error">{error}</Alert>}
      <TextField
        label={t('admin.username')}
        hint={t('admin.usernameHint')}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        error={usernameInvalid ? t('admin.usernameInvalid') : undefined}
        onChange={(event) => setUsername(event.target.value)}
      />
      <TextField
        label={t('admin.displayName')}
        hint={t('admin.displayNameHint')}
        name="displayName"
        autoComplete="name"
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <TextField
        label={t('admin.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        description={<PasswordRules password={password} username={trimmed} />}
      />
      <TextField
        label={t('admin.confirm')}
        name="confirm"
        type="password"
        autoComplete="new-password"
        value={confirm}
        error={mismatch ? t('admin.mismatch') : undefined}
        onChange={(event) => setConfirm(event.target.value)}
      />
      <div className="flex justify-between gap-2">
        <Button variant="secondary" onClick={onBack}>
          {t('back')}
        </Button>
        <Button type="submit" loading={busy} disabled={!ready}>
          {t('admin.submit')}
        </Button>
      </div>
    </form>
  );
}
