import { useTranslation } from 'react-i18next';
import type { ProviderKind } from '../../api/types';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';

const URL_PATTERN = /^https?:\/\/[^\s/?#]+\S*$/;

/** A provider's connection as its form holds it (untrimmed, as typed). */
export interface ProviderDraft {
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  apiKey: string;
}

/** Whether the name and address are good enough to send. */
export function providerDraftReady(draft: ProviderDraft): boolean {
  return draft.name.trim() !== '' && URL_PATTERN.test(draft.baseUrl.trim());
}

/**
 * Name, type, address and API key of a provider: shared by adding one (setup wizard, admin)
 * and editing one (admin). The key field is write-only; `apiKeyLabel`/`apiKeyHint` say what an
 * empty field means in the form at hand.
 */
export function ProviderFields({
  draft,
  onChange,
  apiKeyLabel,
  apiKeyHint,
  apiKeyDisabled,
}: {
  draft: ProviderDraft;
  onChange: (draft: ProviderDraft) => void;
  apiKeyLabel?: string;
  apiKeyHint?: string;
  apiKeyDisabled?: boolean;
}) {
  const { t } = useTranslation('setup');
  const set = (changes: Partial<ProviderDraft>) => onChange({ ...draft, ...changes });
  const baseUrl = draft.baseUrl.trim();
  const urlInvalid = baseUrl !== '' && !URL_PATTERN.test(baseUrl);
  return (
    <>
      <TextField
        label={t('model.providerName')}
        value={draft.name}
        maxLength={100}
        onChange={(event) => set({ name: event.target.value })}
      />
      <SelectField
        label={t('model.providerKind')}
        value={draft.kind}
        options={[
          { value: 'ollama', label: 'Ollama' },
          { value: 'openai', label: t('model.openaiCompatible') },
        ]}
        onChange={(event) => set({ kind: event.target.value === 'openai' ? 'openai' : 'ollama' })}
      />
      <TextField
        label={t('model.baseUrl')}
        hint={draft.kind === 'ollama' ? t('model.baseUrlOllama') : t('model.baseUrlOpenai')}
        type="url"
        inputMode="url"
        spellCheck={false}
        value={draft.baseUrl}
        error={urlInvalid ? t('model.baseUrlInvalid') : undefined}
        onChange={(event) => set({ baseUrl: event.target.value })}
      />
      <TextField
        label={apiKeyLabel ?? t('model.apiKey')}
        hint={apiKeyHint ?? t('model.apiKeyHint')}
        type="password"
        autoComplete="off"
        value={draft.apiKey}
        disabled={apiKeyDisabled}
        onChange={(event) => set({ apiKey: event.target.value })}
      />
    </>
  );
}
