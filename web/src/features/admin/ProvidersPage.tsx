import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProviders, useTestProvider } from '../../api/admin-queries';
import type { Provider, ProviderTestResult } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { useErrorMessage } from '../../ui/error-message';
import { Section } from '../../ui/Section';
import { PageLoading } from '../../ui/Spinner';
import { useToast } from '../../ui/Toaster';
import { AddProviderForm } from '../setup/AddProviderForm';
import { useDeleteProvider, useUpdateProvider } from './admin-api';
import { EditProviderDialog } from './EditProviderDialog';
import { LockedNote } from './LockedNote';

/** The variable behind each provider from the environment. */
const PROVIDER_VARIABLES: Record<string, string> = {
  ollama: 'OLLAMA_URL',
  openai: 'OPENAI_BASE_URL',
};

type TestOutcome = ProviderTestResult | Error;

/**
 * `/admin/providers`: every provider with a connection test; admin-added ones can be edited,
 * disabled and removed, those from the environment are shown locked.
 */
export function ProvidersPage() {
  const { t } = useTranslation('admin');
  const providers = useProviders();
  const test = useTestProvider();
  const remove = useDeleteProvider();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const [testing, setTesting] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, TestOutcome>>({});
  const [removing, setRemoving] = useState<Provider | null>(null);
  const [editing, setEditing] = useState<Provider | null>(null);

  const runTest = (id: string) => {
    setTesting(id);
    test.mutate(id, {
      onSuccess: (result) => setResults((all) => ({ ...all, [id]: result })),
      onError: (error) => setResults((all) => ({ ...all, [id]: error })),
      onSettled: () => setTesting(null),
    });
  };

  const confirmRemove = () => {
    if (!removing) return;
    const { id, name } = removing;
    remove.mutate(id, {
      onSuccess: () => toast.success(t('providers.deleted', { name })),
      onSettled: () => setRemoving(null),
    });
  };

  return (
    <Section
      title={t('providers.title')}
      description={t('providers.description')}
      actions={
        !adding && (
          <Button variant="secondary" onClick={() => setAdding(true)}>
            {t('providers.add')}
          </Button>
        )
      }
    >
      {adding && (
        <AddProviderForm
          onCancel={() => setAdding(false)}
          onAdded={(provider) => {
            setAdding(false);
            toast.success(t('providers.added', { name: provider.name }));
            runTest(provider.id);
          }}
        />
      )}
      {providers.isPending && <PageLoading />}
      {providers.isError && (
        <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />
      )}
      {providers.data?.length === 0 && <EmptyState title={t('providers.empty')} />}
      {providers.data && providers.data.length > 0 && (
        <ul aria-label={t('providers.listLabel')} className="space-y-2">
          {providers.data.map((provider) => (
            <ProviderRow
              key={provider.id}
              provider={provider}
              testing={testing === provider.id}
              result={results[provider.id]}
              onTest={() => runTest(provider.id)}
              onEdit={() => setEditing(provider)}
              onRemove={() => setRemoving(provider)}
            />
          ))}
        </ul>
      )}
      <EditProviderDialog provider={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={removing !== null}
        title={t('providers.deleteTitle', { name: removing?.name ?? '' })}
        description={t('providers.deleteText')}
        confirmLabel={t('providers.delete')}
        busy={remove.isPending}
        onConfirm={confirmRemove}
        onClose={() => setRemoving(null)}
      />
    </Section>
  );
}

function ProviderRow({
  provider,
  testing,
  result,
  onTest,
  onEdit,
  onRemove,
}: {
  provider: Provider;
  testing: boolean;
  result: TestOutcome | undefined;
  onTest: () => void;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('admin');
  const update = useUpdateProvider();
  const { name } = provider;
  return (
    <li className="space-y-2 rounded-md border border-gray-200 p-3 dark:border-gray-700">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            <span className="break-words">{name}</span>
            <span
              className={
                provider.enabled
                  ? 'rounded-full bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-900 dark:bg-green-950 dark:text-green-100'
                  : 'rounded-full bg-gray-200 px-2 py-0.5 text-xs font-semibold text-gray-800 dark:bg-gray-800 dark:text-gray-200'
              }
            >
              {provider.enabled ? t('providers.enabled') : t('providers.disabled')}
            </span>
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm text-gray-700 dark:text-gray-300">
            <dt>{t('providers.kind')}</dt>
            <dd>{provider.kind === 'ollama' ? t('providers.ollama') : t('providers.openai')}</dd>
            <dt>{t('providers.address')}</dt>
            <dd className="font-mono break-all">{provider.baseUrl}</dd>
            <dt>{t('providers.concurrency')}</dt>
            <dd>{provider.concurrency}</dd>
            <dt>{t('providers.apiKey')}</dt>
            <dd>{provider.hasApiKey ? t('providers.apiKeyStored') : t('providers.apiKeyNone')}</dd>
          </dl>
          {provider.locked && (
            <LockedNote variable={PROVIDER_VARIABLES[provider.id] ?? provider.id} />
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="secondary"
            loading={testing}
            onClick={onTest}
            aria-label={t('providers.testNamed', { name })}
          >
            {t('providers.test')}
          </Button>
          {!provider.locked && (
            <>
              <Button
                size="sm"
                variant="secondary"
                onClick={onEdit}
                aria-label={t('providers.editNamed', { name })}
              >
                {t('providers.edit')}
              </Button>
              <Button
                size="sm"
                variant="secondary"
                loading={update.isPending}
                onClick={() =>
                  update.mutate({ id: provider.id, patch: { enabled: !provider.enabled } })
                }
                aria-label={
                  provider.enabled
                    ? t('providers.disableNamed', { name })
                    : t('providers.enableNamed', { name })
                }
              >
                {provider.enabled ? t('providers.disable') : t('providers.enable')}
              </Button>
              <Button
                size="sm"
                variant="danger"
                onClick={onRemove}
                aria-label={t('providers.deleteNamed', { name })}
              >
                {t('providers.delete')}
              </Button>
            </>
          )}
        </div>
      </div>
      <div aria-live="polite">{result && <TestResult result={result} />}</div>
    </li>
  );
}

function TestResult({ result }: { result: TestOutcome }) {
  const { t } = useTranslation('admin');
  const message = useErrorMessage();
  if (result instanceof Error) return <Alert tone="error">{message(result)}</Alert>;
  if (result.ok) {
    return (
      <Alert tone="success">
        {t('providers.testOk', { count: result.models.length, ms: result.latencyMs })}
      </Alert>
    );
  }
  return (
    <Alert tone="error">
      {t('providers.testFailed', { reason: result.error ?? result.errorCode ?? '' })}
    </Alert>
  );
}
