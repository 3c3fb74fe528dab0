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
import { CreateApiKeyDialog } from './CreateApiKeyDialog';
import { NewApiKeyDialog } from './NewApiKeyDialog';
import { useApiKeys, useRevokeApiKey, type ApiKey, type CreatedApiKey } from './settings-api';

/** `/settings/api-keys`: the caller's keys (never the keys themselves), create and revoke. */
export function ApiKeysSection() {
  const { t } = useTranslation('settings');
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  // "Expired" is judged as of when the page opened; the list reloads often enough.
  const [openedAt] = useState(() => Date.now());

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => toast.success(t('apiKeys.revoked')),
      onSettled: () => setRevoking(null),
    });
  };

  const createButton = <Button onClick={() => setCreating(true)}>{t('apiKeys.create')}</Button>;

  return (
    <Section
      title={t('apiKeys.title')}
      description={t('apiKeys.description')}
      actions={keys.data && keys.data.length > 0 ? createButton : undefined}
    >
      {keys.isPending && <PageLoading />}
      {keys.isError && <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />}
      {keys.data?.length === 0 && (
        <EmptyState
          title={t('apiKeys.empty')}
          description={t('apiKeys.emptyText')}
          action={createButton}
        />
      )}
      {keys.data && keys.data.length > 0 && (
        <ul aria-label={t('apiKeys.listLabel')} className="space-y-2">
          {keys.data.map((key) => (
            <ApiKeyRow key={key.id} apiKey={key} now={openedAt} onRevoke={() => setRevoking(key)} />
          ))}
        </ul>
      )}
      <CreateApiKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
        }}
      />
      <NewApiKeyDialog apiKey={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={revoking !== null}
        title={t('apiKeys.confirmTitle', { name: revoking?.name ?? '' })}
        description={t('apiKeys.confirmText')}
        confirmLabel={t('apiKeys.revoke')}
        busy={revoke.isPending}
        onConfirm={confirmRevoke}
        onClose={() => setRevoking(null)}
      />
    </Section>
  );
}

function ApiKeyRow({
  apiKey,
  now,
  onRevoke,
}: {
  apiKey: ApiKey;
  now: number;
  onRevoke: () => void;
}) {
  const { t } = useTranslation('settings');
  const formatDateTime = useFormatDateTime();
  const expired = apiKey.expiresAt !== null && Date.parse(apiKey.expiresAt) <= now;
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-gray-200 p-3 dark:border-gray-700">
      <div className="min-w-0 space-y-1">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <span className="break-words">{apiKey.name}</span>
          {apiKey.scopes.map((scope) => (
            <span
              key={scope}
              className="rounded-full bg-gray-100 px-2 py-0.5 text-xs font-semibold text-gray-800 dark:bg-gray-800 dark:text-gray-200"
            >
              {t(`apiKeys.scopeNames.${scope}`)}
            </span>
          ))}
          {expired && (
            <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900 dark:bg-red-950 dark:text-red-100">
              {t('apiKeys.expired')}
            </span>
          )}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm text-gray-700 dark:text-gray-300">
          <dt>{t('apiKeys.prefix')}</dt>
          <dd className="font-mono break-all">{apiKey.prefix}…</dd>
          <dt>{t('apiKeys.created')}</dt>
          <dd>{formatDateTime(apiKey.createdAt)}</dd>
          <dt>{t('apiKeys.lastUsed')}</dt>
          <dd>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : t('apiKeys.never')}</dd>
          <dt>{t('apiKeys.expires')}</dt>
          <dd>{apiKey.expiresAt ? formatDateTime(apiKey.expiresAt) : t('apiKeys.noExpiry')}</dd>
        </dl>
      </div>
      <Button
        variant="secondary"
        size="sm"
        onClick={onRevoke}
        aria-label={t('apiKeys.revokeNamed', { name: apiKey.name })}
      >
        {t('apiKeys.revoke')}
      </Button>
    </li>
  );
}
