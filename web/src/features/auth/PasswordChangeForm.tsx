import { useState, type FormEvent, type ReactNode } from 'react';
import { isApiError, type ApiError } from '../../api/api-error';
import { useAuth, useUser } from '../../auth/auth-context';
import { PasswordRules } from '../../lib/PasswordRules';
import { passwordMeetsRules } from '../../lib/password-rules';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { HiddenUsernameField } from '../../ui/HiddenUsernameField';
import { useErrorMessage } from '../../ui/error-message';
import { TextField } from '../../ui/TextField';

/** The visible texts of a {@link PasswordChangeForm}, already translated by the caller. */
export interface PasswordChangeTexts {
  current: string;
  new: string;
  confirm: string;
  mismatch: string;
  wrongCurrent: string;
  submit: string;
}

/**
 * Current, new and repeated password with live rules; calls `changePassword` and clears itself
 * on success. `notice` goes above the error, `children` below the submit button.
 */
export function PasswordChangeForm({
  texts,
  onChanged,
  onUnexpectedError,
  notice,
  children,
  withUsernameField = false,
  className,
  submitClassName,
}: {
  texts: PasswordChangeTexts;
  onChanged: () => void;
  /** Errors that are not API errors; without it they are rethrown. */
  onUnexpectedError?: (caught: unknown) => void;
  notice?: ReactNode;
  children?: ReactNode;
  /** A hidden username input, so password managers file the new password under the right account. */
  withUsernameField?: boolean;
  className?: string;
  submitClassName?: string;
}) {
  const user = useUser();
  const { changePassword } = useAuth();
  const message = useErrorMessage();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const mismatch = confirm !== '' && confirm !== next;
  const ready = current !== '' && passwordMeetsRules(next, user.username) && confirm === next;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      onChanged();
    } catch (caught) {
      if (isApiError(caught)) setError(caught);
      else if (onUnexpectedError) onUnexpectedError(caught);
      else throw caught;
    } finally {
      setBusy(false);
    }
  };

  const errorText =
    error?.code === 'invalid_credentials' ? texts.wrongCurrent : error && message(error);

  return (
    <form onSubmit={(event) => void submit(event)} className={className} noValidate>
      {notice}
      {errorText && <Alert tone="error">{errorText}</Alert>}
      {withUsernameField && <HiddenUsernameField username={user.username} />}
      <TextField
        label={texts.current}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(event) => setCurrent(event.target.value)}
      />
      <TextField
        label={texts.new}
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(event) => setNext(event.target.value)}
        description={<PasswordRules password={next} username={user.username} />}
      />
      <TextField
        label={texts.confirm}
        type="password"
        autoComplete="new-password"
        value={confirm}
        error={mismatch ? texts.mismatch : undefined}
        onChange={(event) => setConfirm(event.target.value)}
      />
      <Button type="submit" className={submitClassName} loading={busy} disabled={!ready}>
        {texts.submit}
      </Button>
      {children}
    </form>
  );
}
