import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/auth-context';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useErrorMessage } from '../../ui/error-message';
import { Section } from '../../ui/Section';
import { useToast } from '../../ui/Toaster';

/** `POST /api/auth/logout-all` behind a confirmation; afterwards this browser is signed out too. */
export function SignOutEverywhereSection() {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const { signOutEverywhere } = useAuth();
  const toast = useToast();
  const message = useErrorMessage();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const confirm = () => {
    setBusy(true);
    // On success the session ends here too, and the sign-in page replaces this one.
    signOutEverywhere()
      .catch((error: unknown) => toast.error(message(error)))
      .finally(() => setBusy(false));
  };

  return (
    <Section title={t('everywhere.title')} description={t('everywhere.description')}>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        {tc('userMenu.signOutEverywhere')}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={tc('userMenu.signOutEverywhereTitle')}
        description={tc('userMenu.signOutEverywhereText')}
        confirmLabel={tc('userMenu.signOutEverywhere')}
        busy={busy}
        onConfirm={confirm}
        onClose={() => setConfirming(false)}
      />
    </Section>
  );
}
