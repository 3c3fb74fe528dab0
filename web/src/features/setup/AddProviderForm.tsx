import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddProvider } from '../../api/admin-queries';
import type { Provider, ProviderKind } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { useErrorMessage } from '../../ui/error-message';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';

const URL_PATTERN = /^https?:\/\/[^\s/?#]+\S*$/;

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
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ProviderKind>('ollama');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const urlInvalid = baseUrl.trim() !== '' && !URL_PATTERN.test(baseUrl.trim());
  const ready = name.trim() !== '' && URL_PATTERN.test(baseUrl.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    add.mutate(
      {
        name: name.trim(),
        kind,
        baseUrl: baseUrl.trim(),
        ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
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
      <TextField
        label={t('model.providerName')}
        value={name}
        maxLength={100}
        onChange={(event) => setName(event.target.value)}
      />
      <SelectField
        label={t('model.providerKind')}
        value={kind}
        options={[
          { value: 'ollama', label: 'Ollama' },
          { value: 'openai', label: t('model.openaiCompatible') },
        ]}
        onChange={(event) => setKind(event.target.value === 'openai' ? 'openai' : 'ollama')}
      />
      <TextField
        label={t('model.baseUrl')}
        hint={kind === 'ollama' ? t('model.baseUrlOllama') : t('model.baseUrlOpenai')}
        type="url"
        inputMode="url"
        spellCheck={false}
        value={baseUrl}
        error={urlInvalid ? t('model.baseUrlInvalid') : undefined}
        onChange={(event) => setBaseUrl(event.target.value)}
      />
      <TextField
        label={t('model.apiKey')}
        hint={t('model.apiKeyHint')}
        type="password"
        autoComplete="off"
        value={apiKey}
        onChange={(event) => setApiKey(event.target.value)}
      />
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
