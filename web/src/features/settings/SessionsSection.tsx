import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../lib/format-time';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { Section } from '../../ui/Section';
import { PageLoading } from '../../ui/Spinner';
import { useToast } from '../../ui/Toaster';
import { useRevokeSession, useSessions, type Session } from './settings-api';
import { describeUserAgent } from '../../lib/user-agent';

/** `/settings/sessions`: where the account is signed in; any other session can be ended. */
export function SessionsSection() {
  const { t } = useTranslation('settings');
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const toast = useToast();
  const [confirming, setConfirming] = useState<Session | null>(null);
  const device = useDeviceName();

  const confirm = () => {
    if (!confirming) return;
    revoke.mutate(confirming.id, {
      onSuccess: () => toast.success(t('sessions.revoked')),
      onSettled: () => setConfirming(null),
    });
  };

  return (
    <Section title={t('sessions.title')} description={t('sessions.description')}>
      {sessions.isPending && <PageLoading />}
      {sessions.isError && (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      )}
      {sessions.data?.length === 0 && <EmptyState title={t('sessions.empty')} />}
      {sessions.data && sessions.data.length > 0 && (
        <ul aria-label={t('sessions.listLabel')} className="space-y-2">
          {sessions.data.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              onRevoke={() => setConfirming(session)}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={t('sessions.confirmTitle')}
        description={
          confirming &&
          t('sessions.confirmText', {
            device: device(confirming),
            address: confirming.clientAddress ?? t('sessions.unknownAddress'),
          })
        }
        confirmLabel={t('sessions.revoke')}
        busy={revoke.isPending}
        onConfirm={confirm}
        onClose={() => setConfirming(null)}
      />
    </Section>
  );
}

function useDeviceName(): (session: Session) => string {
  const { t } = useTranslation('settings');
  return (session) => {
    const { browser, system } = describeUserAgent(session.userAgent);
    if (browser && system) return t('sessions.browserOn', { browser, system });
    return browser ?? system ?? t('sessions.unknownDevice');
  };
}

function SessionRow({ session, onRevoke }: { session: Session; onRevoke: () => void }) {
  const { t } = useTranslation('settings');
  const formatDateTime = useFormatDateTime();
  const device = useDeviceName()(session);
  const address = session.clientAddress ?? t('sessions.unknownAddress');
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-gray-200 p-3 dark:border-gray-700">
      <div className="min-w-0 space-y-1">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <span className="break-words">{device}</span>
          {session.current && (
            <span className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-semibold text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100">
              {t('sessions.current')}
            </span>
          )}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm text-gray-700 dark:text-gray-300">
          <dt>{t('sessions.address')}</dt>
          <dd className="font-mono break-all">{address}</dd>
          <dt>{t('sessions.signedIn')}</dt>
          <dd>{formatDateTime(session.createdAt)}</dd>
          <dt>{t('sessions.lastActive')}</dt>
          <dd>{formatDateTime(session.lastUsedAt)}</dd>
          <dt>{t('sessions.expires')}</dt>
          <dd>{formatDateTime(session.expiresAt)}</dd>
        </dl>
      </div>
      {/* This session ends with "Sign out" in the account menu. */}
      {!session.current && (
        <Button
          variant="secondary"
          size="sm"
          onClick={onRevoke}
          aria-label={t('sessions.revokeNamed', { device, address })}
        >
          {t('sessions.revoke')}
        </Button>
      )}
    </li>
  );
}
