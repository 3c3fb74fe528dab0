import { useTranslation } from 'react-i18next';
import { useAdminSettings } from '../../api/admin-queries';
import { useUser } from '../../auth/auth-context';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { PageLoading } from '../../ui/Spinner';
import { StepHeading } from './StepHeading';

/** Step 5: what was set up, and the way into the app. */
export function SummaryStep({ onBack, onFinish }: { onBack: () => void; onFinish: () => void }) {
  const { t } = useTranslation('setup');
  const user = useUser();
  const settings = useAdminSettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) {
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  const rows: [string, string][] = [
    [t('summary.admin'), user.username],
    [t('summary.instanceName'), settings.data.instanceName.value],
    [t('summary.language'), settings.data.language.value === 'de' ? 'Deutsch' : 'English'],
    [t('summary.defaultModel'), settings.data.defaultModel.value ?? t('summary.noDefaultModel')],
  ];
  return (
    <div className="space-y-4">
      <StepHeading description={t('summary.description')}>{t('summary.title')}</StepHeading>
      <dl className="divide-y divide-gray-200 rounded-md border border-gray-200 dark:divide-gray-700 dark:border-gray-700">
        {rows.map(([label, value]) => (
          <div key={label} className="flex flex-wrap justify-between gap-2 px-3 py-2">
            <dt className="text-sm text-gray-700 dark:text-gray-300">{label}</dt>
            <dd className="font-medium break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="flex justify-between gap-2">
        <Button variant="secondary" onClick={onBack}>
          {t('back')}
        </Button>
        <Button onClick={onFinish}>{t('summary.finish')}</Button>
      </div>
    </div>
  );
}
