import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminSettings, useUpdateSettings } from '../../api/admin-queries';
import type { InstanceSettings, Language, SettingsPatch } from '../../api/types';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { SelectField } from '../../ui/SelectField';
import { PageLoading } from '../../ui/Spinner';
import { TextField } from '../../ui/TextField';
import { StepHeading } from './StepHeading';

/** Step 3: the instance's language and name (settings fixed by the environment are locked). */
export function InstanceStep({ onNext }: { onNext: () => void }) {
  const settings = useAdminSettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) {
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  return <InstanceForm settings={settings.data} onNext={onNext} />;
}

function InstanceForm({ settings, onNext }: { settings: InstanceSettings; onNext: () => void }) {
  const { t } = useTranslation('setup');
  const update = useUpdateSettings();
  const [language, setLanguage] = useState<Language>(settings.language.value);
  const [name, setName] = useState(settings.instanceName.value);
  const nameInvalid = name.trim() === '' || name.trim().length > 100;
  const lockedHint = (variable: string) => t('instance.locked', { variable });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (nameInvalid) return;
    const patch: SettingsPatch = {};
    if (!settings.language.locked && language !== settings.language.value) {
      patch.language = language;
    }
    if (!settings.instanceName.locked && name.trim() !== settings.instanceName.value) {
      patch.instanceName = name.trim();
    }
    if (Object.keys(patch).length > 0) await update.mutateAsync(patch);
    onNext();
  };

  return (
    <form onSubmit={(event) => void submit(event).catch(() => undefined)} className="space-y-4">
      <StepHeading description={t('instance.description')}>{t('instance.title')}</StepHeading>
      <SelectField
        label={t('instance.language')}
        value={language}
        disabled={settings.language.locked}
        hint={settings.language.locked ? lockedHint('ENCLAVE_LANGUAGE') : undefined}
        options={[
          { value: 'en', label: 'English' },
          { value: 'de', label: 'Deutsch' },
        ]}
        onChange={(event) => setLanguage(event.target.value === 'de' ? 'de' : 'en')}
      />
      <TextField
        label={t('instance.name')}
        value={name}
        maxLength={100}
        disabled={settings.instanceName.locked}
        hint={
          settings.instanceName.locked
            ? lockedHint('ENCLAVE_INSTANCE_NAME')
            : t('instance.nameHint')
        }
        error={nameInvalid && !settings.instanceName.locked ? t('instance.nameInvalid') : undefined}
        onChange={(event) => setName(event.target.value)}
      />
      <div className="flex justify-end">
        <Button type="submit" loading={update.isPending} disabled={nameInvalid}>
          {t('next')}
        </Button>
      </div>
    </form>
  );
}
