import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { useErrorMessage } from '../../ui/error-message';
import { Section } from '../../ui/Section';
import { PageLoading } from '../../ui/Spinner';
import { useStatus } from './admin-api';
import { CheckCard } from './CheckCard';
import { LEVEL_TEXT, StatusBadge, StatusIcon } from './StatusBadge';
import { countLevels, uptimeParts, worstFirst, type StatusReport } from './status-summary';

/** `/admin/status`: every dependency green, amber or red, asked again every 10 s. */
export function StatusPage() {
  const { t } = useTranslation('admin');
  const message = useErrorMessage();
  const status = useStatus();

  const refresh = (
    <Button variant="secondary" loading={status.isFetching} onClick={() => void status.refetch()}>
      {t('status.refresh')}
    </Button>
  );

  return (
    <Section title={t('status.title')} description={t('status.description')} actions={refresh}>
      {status.isPending && <PageLoading />}
      {status.isError && !status.data && (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      )}
      {status.data && (
        <>
          {status.isError && (
            <Alert tone="error">
              {t('status.refreshFailed', { reason: message(status.error) })}
            </Alert>
          )}
          <StatusReportView report={status.data} />
        </>
      )}
    </Section>
  );
}

function StatusReportView({ report }: { report: StatusReport }) {
  const { t, i18n } = useTranslation('admin');
  const language = i18n.resolvedLanguage ?? 'en';
  const counts = countLevels(report.checks);
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'medium' }).format(
    new Date(report.checkedAt),
  );
  const uptime = uptimeParts(report.uptimeSeconds)
    .map(({ unit, value }) =>
      new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(value),
    )
    .join(' ');

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-gray-200 p-3 dark:border-gray-700">
        {/* Announced when it changes, not on every refresh. */}
        <p role="status" className="flex items-center gap-2 text-lg font-semibold">
          <StatusIcon level={report.status} className={`size-6 ${LEVEL_TEXT[report.status]}`} />
          <span>{t(`status.overall.${report.status}`)}</span>
          <span className="sr-only">({t(`status.level.${report.status}`)})</span>
        </p>
        <ul aria-label={t('status.counts')} className="flex flex-wrap gap-2">
          {(['red', 'amber', 'green'] as const).map((level) => (
            <li key={level}>
              <StatusBadge level={level} count={counts[level]} />
            </li>
          ))}
        </ul>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t('status.version')}</dt>
        <dd className="font-mono">{report.version}</dd>
        <dt className="font-medium">{t('status.uptime')}</dt>
        <dd>{uptime}</dd>
      </dl>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        {t('status.checkedAt', { time })} {t('status.autoRefresh')}
      </p>
      <ul aria-label={t('status.checksLabel')} className="space-y-2">
        {worstFirst(report.checks).map((check) => (
          <CheckCard key={check.name} check={check} />
        ))}
      </ul>
    </div>
  );
}
