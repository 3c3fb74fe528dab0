import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProviders, useTestProvider } from '../../api/admin-queries';
import type { Provider, ProviderTestResult } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { useErrorMessage } from '../../ui/error-message';
import { Spinner } from '../../ui/Spinner';
import { AddProviderForm } from './AddProviderForm';

/** The model providers, each with a "test connection", and a form to add one. */
export function ProviderPanel({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation('setup');
  const providers = useProviders();
  const [adding, setAdding] = useState(false);
  const [results, setResults] = useState<Record<string, ProviderTestResult | Error>>({});
  const test = useTestProvider();
  const [testing, setTesting] = useState<string | null>(null);

  const runTest = (id: string) => {
    setTesting(id);
    test.mutate(id, {
      onSuccess: (result) => {
        setResults((all) => ({ ...all, [id]: result }));
        if (result.ok) onChanged();
      },
      onError: (error) => setResults((all) => ({ ...all, [id]: error })),
      onSettled: () => setTesting(null),
    });
  };

  return (
    <section aria-labelledby="providers-heading" className="space-y-3">
      <h3 id="providers-heading" className="font-semibold">
        {t('model.providers')}
      </h3>
      {providers.isPending && <Spinner />}
      {providers.isError && (
        <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />
      )}
      {providers.data?.length === 0 && <p className="text-sm">{t('model.noProviders')}</p>}
      <ul className="space-y-2">
        {providers.data?.map((provider) => (
          <ProviderRow
            key={provider.id}
            provider={provider}
            result={results[provider.id]}
            testing={testing === provider.id}
            onTest={() => runTest(provider.id)}
          />
        ))}
      </ul>
      {adding ? (
        <AddProviderForm
          onCancel={() => setAdding(false)}
          onAdded={(provider) => {
            setAdding(false);
            runTest(provider.id);
          }}
        />
      ) : (
        <Button variant="secondary" onClick={() => setAdding(true)}>
          {t('model.addProvider')}
        </Button>
      )}
    </section>
  );
}

function ProviderRow({
  provider,
  result,
  testing,
  onTest,
}: {
  provider: Provider;
  result: ProviderTestResult | Error | undefined;
  testing: boolean;
  onTest: () => void;
}) {
  const { t } = useTranslation('setup');
  const message = useErrorMessage();
  return (
    <li className="rounded-md border border-gray-200 p-3 dark:border-gray-700">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium">
            {provider.name}{' '}
            <span className="text-sm font-normal text-gray-600 dark:text-gray-400">
              ({provider.kind === 'ollama' ? 'Ollama' : t('model.openaiCompatible')})
            </span>
          </p>
          <p className="truncate font-mono text-xs text-gray-600 dark:text-gray-400">
            {provider.baseUrl}
          </p>
          {!provider.enabled && <p className="text-xs">{t('model.disabled')}</p>}
        </div>
        <Button
          size="sm"
          variant="secondary"
          loading={testing}
          onClick={onTest}
          aria-label={t('model.testNamed', { name: provider.name })}
        >
          {t('model.test')}
        </Button>
      </div>
      <div aria-live="polite">
        {result instanceof Error && (
          <Alert tone="error" className="mt-2">
            {message(result)}
          </Alert>
        )}
        {result && !(result instanceof Error) && result.ok && (
          <Alert tone="success" className="mt-2">
            {t('model.testOk', { count: result.models.length, ms: result.latencyMs })}
          </Alert>
        )}
        {result && !(result instanceof Error) && !result.ok && (
          <Alert tone="error" className="mt-2">
            {t('model.testFailed', { reason: result.error ?? result.errorCode ?? '' })}
          </Alert>
        )}
      </div>
    </li>
  );
}
