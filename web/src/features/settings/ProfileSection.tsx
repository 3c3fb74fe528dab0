import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useUser } from '../../auth/auth-context';
import { useFormatDateTime } from '../../lib/format-time';
import { Button } from '../../ui/Button';
import { useErrorMessage } from '../../ui/error-message';
import { Section } from '../../ui/Section';
import { TextField } from '../../ui/TextField';
import { useToast } from '../../ui/Toaster';

/** The server's limit for a display name (`PATCH /api/auth/me`). */
const MAX_DISPLAY_NAME = 100;

/** Who is signed in, with the display name people may change themselves. */
export function ProfileSection() {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const user = useUser();
  const formatDateTime = useFormatDateTime();
  const rows: [string, string][] = [
    [t('profile.username'), user.username],
    [t('profile.role'), tc(`roles.${user.role}`)],
    [t('profile.mfa'), user.mfaEnabled ? t('profile.on') : t('profile.off')],
    [t('profile.memberSince'), formatDateTime(user.createdAt)],
  ];
  return (
    <Section title={t('profile.title')} description={t('profile.description')}>
      <DisplayNameForm />
      <dl className="mt-4 divide-y divide-gray-200 dark:divide-gray-800">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-1 py-2 sm:grid-cols-3 sm:gap-4">
            <dt className="text-sm font-medium text-gray-700 dark:text-gray-300">{label}</dt>
            <dd className="min-w-0 break-words sm:col-span-2">{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

/** `PATCH /api/auth/me`; the answer replaces the signed-in user, so the menu shows it at once. */
function DisplayNameForm() {
  const { t } = useTranslation('settings');
  const user = useUser();
  const { updateProfile } = useAuth();
  const toast = useToast();
  const message = useErrorMessage();
  const [name, setName] = useState(user.displayName);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trimmed = name.trim();
  const unchanged = trimmed === user.displayName;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed === '') {
      setError(t('profile.displayNameMissing'));
      return;
    }
    if (unchanged) return;
    setSaving(true);
    setError(null);
    updateProfile({ displayName: trimmed })
      .then((updated) => {
        setName(updated.displayName);
        toast.success(t('profile.saved'));
      })
      .catch((caught: unknown) => setError(message(caught)))
      .finally(() => setSaving(false));
  };

  return (
    <form className="max-w-md space-y-3" onSubmit={submit} noValidate>
      <TextField
        label={t('profile.displayName')}
        hint={t('profile.displayNameHint')}
        error={error ?? undefined}
        value={name}
        maxLength={MAX_DISPLAY_NAME}
        autoComplete="name"
        onChange={(event) => {
          setName(event.target.value);
          setError(null);
        }}
      />
      <Button type="submit" loading={saving} disabled={unchanged}>
        {t('profile.save')}
      </Button>
    </form>
  );
}
