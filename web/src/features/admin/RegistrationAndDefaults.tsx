import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminSettings, useUpdateSettings } from '../../api/admin-queries';
import { useModels } from '../../api/queries';
import type { InstanceSettings } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CheckboxField } from '../../ui/CheckboxField';
import { ErrorState } from '../../ui/ErrorState';
import { Section } from '../../ui/Section';
import { SelectField } from '../../ui/SelectField';
import { PageLoading } from '../../ui/Spinner';
import { TextField } from '../../ui/TextField';
import { useToast } from '../../ui/Toaster';
import { LockedNote } from './LockedNote';
import { SETTING_VARIABLES, settingsPatch, type GeneralForm } from './settings-patch';

const NO_MODEL = '';

/** `/admin/general`: registration open or closed, name, language and the default model. */
export function RegistrationAndDefaults() {
  const { t } = useTranslation('admin');
  const settings = useAdminSettings();
  return (
    <Section title={t('general.title')} description={t('general.description')}>
      {settings.isPending && <PageLoading />}
      {settings.isError && (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      )}
      {settings.data && <GeneralSettingsForm settings={settings.data} />}
    </Section>
  );
}

function GeneralSettingsForm({ settings }: { settings: InstanceSettings }) {
  const { t } = useTranslation('admin');
  const toast = useToast();
  const update = useUpdateSettings();
  const models = useModels();
  const [form, setForm] = useState<GeneralForm>({
    registrationOpen: settings.registrationOpen.value,
    instanceName: settings.instanceName.value,
    language: settings.language.value,
    defaultModel: settings.defaultModel.value,
  });
  const set = <K extends keyof GeneralForm>(key: K, value: GeneralForm[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const nameInvalid = form.instanceName.trim() === '' || form.instanceName.trim().length > 100;
  const patch = settingsPatch(settings, form);
  const locked = (key: keyof GeneralForm) =>
    settings[key].locked ? <LockedNote variable={SETTING_VARIABLES[key]} /> : undefined;

  const modelOptions = [
    { value: NO_MODEL, label: t('general.noDefaultModel') },
    ...(models.data ?? []).map((model) => ({ value: model.id, label: model.id })),
  ];
  if (form.defaultModel && !modelOptions.some((option) => option.value === form.defaultModel)) {
    modelOptions.push({
      value: form.defaultModel,
      label: t('general.unavailableModel', { model: form.defaultModel }),
    });
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!patch || nameInvalid) return;
    update.mutate(patch, { onSuccess: () => toast.success(t('general.saved')) });
  };

  return (
    <form onSubmit={submit} className="max-w-lg space-y-5" noValidate>
      <div className="space-y-1">
        <CheckboxField
          label={t('general.registration')}
          hint={t('general.registrationHint')}
          checked={form.registrationOpen}
          disabled={settings.registrationOpen.locked}
          onChange={(event) => set('registrationOpen', event.target.checked)}
        />
        {locked('registrationOpen')}
      </div>
      <TextField
        label={t('general.instanceName')}
        hint={locked('instanceName') ?? t('general.instanceNameHint')}
        value={form.instanceName}
        maxLength={100}
        disabled={settings.instanceName.locked}
        error={
          nameInvalid && !settings.instanceName.locked
            ? t('general.instanceNameInvalid')
            : undefined
        }
        onChange={(event) => set('instanceName', event.target.value)}
      />
      <SelectField
        label={t('general.language')}
        hint={locked('language') ?? t('general.languageHint')}
        value={form.language}
        disabled={settings.language.locked}
        options={[
          { value: 'en', label: 'English' },
          { value: 'de', label: 'Deutsch' },
        ]}
        onChange={(event) => set('language', event.target.value === 'de' ? 'de' : 'en')}
      />
      <div className="space-y-2">
        <SelectField
          label={t('general.defaultModel')}
          hint={locked('defaultModel') ?? t('general.defaultModelHint')}
          value={form.defaultModel ?? NO_MODEL}
          disabled={settings.defaultModel.locked || models.isPending}
          options={modelOptions}
          onChange={(event) =>
            set('defaultModel', event.target.value === NO_MODEL ? null : event.target.value)
          }
        />
        {models.isError && <Alert tone="warning">{t('general.modelsFailed')}</Alert>}
      </div>
      <Button type="submit" loading={update.isPending} disabled={!patch || nameInvalid}>
        {t('general.save')}
      </Button>
    </form>
  );
}
