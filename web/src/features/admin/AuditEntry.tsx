import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../lib/format-time';
import type { AuditRecord } from './admin-api';
import { useActionLabel, useTargetLabel } from './audit-labels';
import { StatusIcon } from './StatusBadge';
import { describeUserAgent } from '../../lib/user-agent';

/** One event: when, what, whether it worked, who, on what, from where, and its details. */
export function AuditEntry({
  event,
  usernames,
}: {
  event: AuditRecord;
  usernames: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation('admin');
  const formatDateTime = useFormatDateTime();
  const actionLabel = useActionLabel();
  const targetLabel = useTargetLabel();
  const success = event.outcome === 'success';
  const actor =
    event.actor?.username ??
    (event.actor?.id ? (usernames.get(event.actor.id) ?? event.actor.id) : t('audit.nobody'));
  const target = event.target && {
    type: targetLabel(event.target.type),
    name:
      (event.target.id &&
        (event.target.type === 'user' ? usernames.get(event.target.id) : undefined)) ??
      (typeof event.details.username === 'string' && event.target.type === 'user'
        ? event.details.username
        : event.target.id),
  };
  const { browser, system } = describeUserAgent(event.userAgent);
  const device = [browser, system].filter(Boolean).join(', ');
  const details = Object.entries(event.details).filter(([, value]) => value !== null);

  return (
    <li className="space-y-1 rounded-md border border-gray-200 p-3 text-sm dark:border-gray-700">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium">
          {actionLabel(event.action)}{' '}
          <code className="text-xs font-normal text-gray-600 dark:text-gray-400">
            {event.action}
          </code>
        </p>
        <span
          className={
            success
              ? 'inline-flex items-center gap-1 rounded-full bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-900 dark:bg-green-950 dark:text-green-100'
              : 'inline-flex items-center gap-1 rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900 dark:bg-red-950 dark:text-red-100'
          }
        >
          <StatusIcon level={success ? 'green' : 'red'} className="size-3.5" />
          {success ? t('audit.success') : t('audit.failure')}
        </span>
      </div>
      <p className="text-gray-700 dark:text-gray-300">
        <time dateTime={event.at}>{formatDateTime(event.at)}</time> · {t('audit.actor')}:{' '}
        <span className="font-medium break-all">{actor}</span>
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-gray-700 dark:text-gray-300">
        {target && (
          <>
            <dt>{t('audit.target')}</dt>
            <dd className="break-all">
              {target.type}
              {target.name ? `: ${target.name}` : ''}
            </dd>
          </>
        )}
        {event.clientAddress && (
          <>
            <dt>{t('audit.address')}</dt>
            <dd className="font-mono break-all">{event.clientAddress}</dd>
          </>
        )}
        {device && (
          <>
            <dt>{t('audit.device')}</dt>
            <dd>{device}</dd>
          </>
        )}
        {details.length > 0 && (
          <>
            <dt>{t('audit.details')}</dt>
            <dd className="font-mono text-xs break-all">
              {details.map(([key, value]) => `${key}: ${formatDetail(value)}`).join(' · ')}
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}

function formatDetail(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(formatDetail).join(', ');
  return JSON.stringify(value);
}
