import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth-context';
import { useFormatDateTime } from '../../lib/format-time';
import { Section } from '../../ui/Section';

/**
 * Who is signed in. The API has no route for people to rename themselves (an admin changes
 * display names), so the profile is read-only.
 */
export function ProfileSection() {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const user = useUser();
  const formatDateTime = useFormatDateTime();
  const rows: [string, string, string?][] = [
    [t('profile.username'), user.username],
    [
      t('profile.displayName'),
      user.displayName || user.username,
      user.role === 'admin' ? t('profile.displayNameAdminHint') : t('profile.displayNameHint'),
    ],
    [t('profile.role'), tc(`roles.${user.role}`)],
    [t('profile.mfa'), user.mfaEnabled ? t('profile.on') : t('profile.off')],
    [t('profile.memberSince'), formatDateTime(user.createdAt)],
  ];
  return (
    <Section title={t('profile.title')} description={t('profile.description')}>
      <dl className="divide-y divide-gray-200 dark:divide-gray-800">
        {rows.map(([label, value, hint]) => (
          <div key={label} className="grid gap-1 py-2 sm:grid-cols-3 sm:gap-4">
            <dt className="text-sm font-medium text-gray-700 dark:text-gray-300">{label}</dt>
            <dd className="min-w-0 break-words sm:col-span-2">
              {value}
              {hint && <p className="text-sm text-gray-600 dark:text-gray-400">{hint}</p>}
            </dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
