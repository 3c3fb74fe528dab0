import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth-context';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CheckboxField } from '../../ui/CheckboxField';
import { Dialog } from '../../ui/Dialog';
import { useErrorMessage } from '../../ui/error-message';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { EXPIRY_CHOICES, expiryToIso, localDate, type ExpiryChoice } from './api-key-expiry';
import { SCOPES, useCreateApiKey, type CreatedApiKey, type Scope } from './settings-api';

const EXPIRY_LABELS = {
  never: 'never',
  '30': 'days30',
  '90': 'days90',
  '365': 'year',
  custom: 'custom',
} as const satisfies Record<ExpiryChoice, string>;

/** Name, scopes and expiry of a new key. */
export function CreateApiKeyDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const { t } = useTranslation('settings');
  return (
    <Dialog open={open} onClose={onClose} title={t('apiKeys.createTitle')}>
      {/* Mounted only while open, so every opening starts with an empty form. */}
      {open && <CreateApiKeyForm onCancel={onClose} onCreated={onCreated} />}
    </Dialog>
  );
}

function CreateApiKeyForm({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const user = useUser();
  const message = useErrorMessage();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['chat']);
  const [expiry, setExpiry] = useState<ExpiryChoice>('90');
  const [customDate, setCustomDate] = useState('');
  const [touched, setTouched] = useState(false);
  const available = SCOPES.filter((scope) => scope !== 'admin' || user.role === 'admin');
  const expiresAt = expiryToIso(expiry, customDate);
  const nameMissing = name.trim() === '';
  const ready = !nameMissing && scopes.length > 0 && expiresAt !== null;

  const toggle = (scope: Scope, on: boolean) =>
    setScopes((current) =>
      on
        ? SCOPES.filter((s) => s === scope || current.includes(s))
        : current.filter((s) => s !== scope),
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!ready) return;
    create.mutate(
      { name: name.trim(), scopes, ...(expiresAt ? { expiresAt } : {}) },
      { onSuccess: onCreated },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {create.isError && <Alert tone="error">{message(create.error)}</Alert>}
      <TextField
        label={t('apiKeys.name')}
        hint={t('apiKeys.nameHint')}
        value={name}
        maxLength={100}
        autoComplete="off"
        error={touched && nameMissing ? t('apiKeys.nameMissing') : undefined}
        onChange={(event) => setName(event.target.value)}
      />
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium text-gray-800 dark:text-gray-200">
          {t('apiKeys.scopes')}
        </legend>
        {available.map((scope) => (
          <CheckboxField
            key={scope}
            label={t(`apiKeys.scopeNames.${scope}`)}
            hint={t(`apiKeys.scopeHints.${scope}`)}
            checked={scopes.includes(scope)}
            onChange={(event) => toggle(scope, event.target.checked)}
          />
        ))}
        {scopes.length === 0 && (
          <p className="text-sm text-red-700 dark:text-red-400">{t('apiKeys.noScope')}</p>
        )}
      </fieldset>
      <SelectField
        label={t('apiKeys.expiry')}
        value={expiry}
        options={EXPIRY_CHOICES.map((choice) => ({
          value: choice,
          label: t(`apiKeys.expiryChoices.${EXPIRY_LABELS[choice]}`),
        }))}
        onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}
      />
      {expiry === 'custom' && (
        <TextField
          label={t('apiKeys.expiryDate')}
          type="date"
          min={localDate()}
          value={customDate}
          error={
            (touched || customDate !== '') && expiresAt === null
              ? t('apiKeys.expiryDateInvalid')
              : undefined
          }
          onChange={(event) => setCustomDate(event.target.value)}
        />
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={create.isPending}>
          {tc('actions.cancel')}
        </Button>
        <Button type="submit" loading={create.isPending}>
          {t('apiKeys.submit')}
        </Button>
      </div>
    </form>
  );
}
