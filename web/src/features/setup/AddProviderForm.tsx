import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddProvider } from '../../api/admin-queries';
import type { Provider } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { useErrorMessage } from '../../ui/error-message';
import { ProviderFields, providerDraftReady, type ProviderDraft } from './ProviderFields';

/** Adds an Ollama or OpenAI-compatible provider (the key is stored encrypted on the server). */
export function AddProviderForm({
  onAdded,
  onCancel,
}: {
  onAdded: (provider: Provider) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('setup');
  const message = useErrorMessage();
  const add = useAddProvider({ inlineErrors: true });
  const [draft, setDraft] = useState<ProviderDraft>({
    name: '',
    kind: 'ollama',
    baseUrl: '',
    apiKey: '',
  });
  const ready = providerDraftReady(draft);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const apiKey = draft.apiKey.trim();
    add.mutate(
      {
        name: draft.name.trim(),
        kind: draft.kind,
        baseUrl: draft.baseUrl.trim(),
        ...(apiKey ? { apiKey } : {}),
      },
      { onSuccess: onAdded },
    );
  };

  return (
    <form
      onSubmit={submit}
      aria-label={t('model.addProvider')}
      className="space-y-3 rounded-md border border-gray-200 p-3 dark:border-gray-700"
      noValidate
    >
      {add.isError && <Alert tone="error">{message(add.error)}</Alert>}
      <ProviderFields draft={draft} onChange={setDraft} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button type="submit" loading={add.isPending} disabled={!ready}>
          {t('model.add')}
        </Button>
      </div>
    </form>
  );
}
