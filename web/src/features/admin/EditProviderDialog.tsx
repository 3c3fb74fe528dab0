import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Provider } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CheckboxField } from '../../ui/CheckboxField';
import { Dialog } from '../../ui/Dialog';
import { useErrorMessage } from '../../ui/error-message';
import { TextField } from '../../ui/TextField';
import { useToast } from '../../ui/Toaster';
import { ProviderFields, providerDraftReady } from '../setup/ProviderFields';
import { useUpdateProvider } from './admin-api';
import { concurrencyValid, providerPatch, type ProviderEditForm } from './provider-patch';

/** Edits an admin-added provider's name, type, address, API key and calls at once. */
export function EditProviderDialog({
  provider,
  onClose,
}: {
  provider: Provider | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  return (
    <Dialog
      open={provider !== null}
      onClose={onClose}
      title={t('providers.editTitle', { name: provider?.name ?? '' })}
    >
      {provider && <EditProviderForm key={provider.id} provider={provider} onDone={onClose} />}
    </Dialog>
  );
}

function EditProviderForm({ provider, onDone }: { provider: Provider; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const message = useErrorMessage();
  const toast = useToast();
  const update = useUpdateProvider({ inlineErrors: true });
  const [form, setForm] = useState<ProviderEditForm>({
    name: provider.name,
    kind: provider.kind,
    baseUrl: provider.baseUrl,
    apiKey: '',
    clearApiKey: false,
    concurrency: String(provider.concurrency),
  });
  const concurrencyOk = concurrencyValid(form.concurrency);
  const ready = providerDraftReady(form) && concurrencyOk;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const patch = providerPatch(provider, form);
    if (!patch) {
      onDone();
      return;
    }
    update.mutate(
      { id: provider.id, patch },
      {
        onSuccess: (saved) => {
          toast.success(t('providers.saved', { name: saved.name }));
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {update.isError && <Alert tone="error">{message(update.error)}</Alert>}
      <ProviderFields
        draft={form}
        onChange={(draft) => setForm((current) => ({ ...current, ...draft }))}
        apiKeyLabel={t('providers.newApiKey')}
        apiKeyHint={provider.hasApiKey ? t('providers.newApiKeyHint') : t('providers.noApiKeyHint')}
        apiKeyDisabled={form.clearApiKey}
      />
      {provider.hasApiKey && (
        <CheckboxField
          label={t('providers.clearApiKey')}
          checked={form.clearApiKey}
          onChange={(event) =>
            setForm((current) => ({ ...current, clearApiKey: event.target.checked, apiKey: '' }))
          }
        />
      )}
      <TextField
        label={t('providers.concurrency')}
        hint={t('providers.concurrencyHint')}
        inputMode="numeric"
        value={form.concurrency}
        error={concurrencyOk ? undefined : t('providers.concurrencyInvalid')}
        onChange={(event) =>
          setForm((current) => ({ ...current, concurrency: event.target.value }))
        }
      />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={update.isPending}>
          {tc('actions.cancel')}
        </Button>
        <Button type="submit" loading={update.isPending} disabled={!ready}>
          {t('providers.save')}
        </Button>
      </div>
    </form>
  );
}
