import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/TextField';
import { useResetPassword, type AdminUser } from './admin-api';
import { useCopyTexts } from './use-copy-texts';

/**
 * Asks first, then shows the temporary password once, to copy: one dialog in two states (a
 * second dialog opening as the first closes would see the first's close event).
 */
export function ResetPasswordDialog({
  user,
  onClose,
}: {
  user: AdminUser | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const copyTexts = useCopyTexts();
  const reset = useResetPassword();
  const temporary = reset.data?.temporaryPassword;
  const username = user?.username ?? '';
  const close = () => {
    if (reset.isPending) return;
    reset.reset();
    onClose();
  };

  return (
    <Dialog
      open={user !== null}
      onClose={close}
      title={temporary ? t('users.tempTitle', { username }) : t('users.resetTitle', { username })}
      description={temporary ? undefined : t('users.resetText')}
      actions={
        temporary ? (
          <Button onClick={close}>{t('users.done')}</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={close} disabled={reset.isPending}>
              {tc('actions.cancel')}
            </Button>
            <Button
              variant="danger"
              loading={reset.isPending}
              onClick={() => user && reset.mutate(user.id, { onError: close })}
            >
              {t('users.resetPassword')}
            </Button>
          </>
        )
      }
    >
      {temporary && (
        <div className="space-y-3">
          <Alert tone="warning">{t('users.tempText')}</Alert>
          <div className="flex flex-wrap items-end gap-2">
            <TextField
              label={t('users.tempLabel')}
              value={temporary}
              readOnly
              spellCheck={false}
              className="min-w-0 flex-1"
              inputClassName="font-mono"
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton text={temporary} texts={copyTexts} size="md" />
          </div>
        </div>
      )}
    </Dialog>
  );
}
