import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminSettings, useUpdateSettings } from '../../api/admin-queries';
import { useModels } from '../../api/queries';
import { queryKeys } from '../../api/query-keys';
import type { InstanceSettings, Model } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { PageLoading, Spinner } from '../../ui/Spinner';
import { ProviderPanel } from './ProviderPanel';
import { StepHeading } from './StepHeading';

/** Step 4: the default model, from every provider that answers; providers tested or added. */
export function ModelStep({ onBack, onNext }: { onBack: () => void; onNext: () => void }) {
  const settings = useAdminSettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) {
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  return <ModelForm settings={settings.data} onBack={onBack} onNext={onNext} />;
}

function ModelForm({
  settings,
  onBack,
  onNext,
}: {
  settings: InstanceSettings;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation('setup');
  const queryClient = useQueryClient();
  const models = useModels();
  const update = useUpdateSettings();
  const locked = settings.defaultModel.locked;
  const [chosen, setChosen] = useState<string | null>(settings.defaultModel.value);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!locked && chosen !== settings.defaultModel.value) {
      await update.mutateAsync({ defaultModel: chosen });
    }
    onNext();
  };

  return (
    <form onSubmit={(event) => void submit(event).catch(() => undefined)} className="space-y-6">
      <StepHeading description={t('model.description')}>{t('model.title')}</StepHeading>
      <fieldset className="space-y-2">
        <legend className="mb-2 font-semibold">{t('model.defaultModel')}</legend>
        {locked && <Alert>{t('instance.locked', { variable: 'ENCLAVE_DEFAULT_MODEL' })}</Alert>}
        {models.isPending && <Spinner label={t('model.loadingModels')} />}
        {models.isError && (
          <ErrorState error={models.error} onRetry={() => void models.refetch()} />
        )}
        {models.data?.length === 0 && <Alert tone="warning">{t('model.noModels')}</Alert>}
        {models.data && models.data.length > 0 && (
          <ModelChoices
            models={models.data}
            chosen={chosen}
            disabled={locked}
            onChoose={setChosen}
          />
        )}
      </fieldset>
      <ProviderPanel
        onChanged={() => void queryClient.invalidateQueries({ queryKey: queryKeys.models })}
      />
      <div className="flex justify-between gap-2">
        <Button variant="secondary" onClick={onBack}>
          {t('back')}
        </Button>
        <Button type="submit" loading={update.isPending}>
          {t('next')}
        </Button>
      </div>
    </form>
  );
}

function ModelChoices({
  models,
  chosen,
  disabled,
  onChoose,
}: {
  models: Model[];
  chosen: string | null;
  disabled: boolean;
  onChoose: (id: string) => void;
}) {
  return (
    <div className="max-h-72 space-y-1 overflow-y-auto">
      {models.map((model) => (
        <label
          key={model.id}
          className="flex cursor-pointer items-center gap-3 rounded-md border border-gray-200 px-3 py-2 has-checked:border-indigo-600 has-checked:bg-indigo-50 dark:border-gray-700 dark:has-checked:border-indigo-400 dark:has-checked:bg-indigo-950"
        >
          <input
            type="radio"
            name="defaultModel"
            value={model.id}
            checked={chosen === model.id}
            disabled={disabled}
            onChange={() => onChoose(model.id)}
            className="size-4 accent-indigo-600"
          />
          <span className="min-w-0 flex-1 truncate">{model.name}</span>
          <span className="text-xs text-gray-600 dark:text-gray-400">{model.provider}</span>
        </label>
      ))}
    </div>
  );
}
