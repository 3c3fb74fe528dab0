import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../ui/error-message';
import { Section } from '../../ui/Section';
import { useToast } from '../../ui/Toaster';
import { PasswordChangeForm } from '../auth/PasswordChangeForm';

/** `POST /api/auth/password`: the server ends the other sessions; this one carries on. */
export function PasswordSection() {
  const { t } = useTranslation('settings');
  const toast = useToast();
  const message = useErrorMessage();

  return (
    <Section title={t('password.title')} description={t('password.description')}>
      <PasswordChangeForm
        className="max-w-md space-y-4"
        withUsernameField
        texts={{
          current: t('password.current'),
          new: t('password.new'),
          confirm: t('password.confirm'),
          mismatch: t('password.mismatch'),
          wrongCurrent: t('password.wrongCurrent'),
          submit: t('password.submit'),
        }}
        onChanged={() => toast.success(t('password.changed'))}
        onUnexpectedError={(caught) => toast.error(message(caught))}
      />
    </Section>
  );
}
