import type { InstanceSettings, Language, SettingsPatch } from '../../api/types';

export interface GeneralForm {
  registrationOpen: boolean;
  instanceName: string;
  language: Language;
  defaultModel: string | null;
}

/** The environment variable that fixes each setting (shown when it is locked). */
export const SETTING_VARIABLES = {
  registrationOpen: 'ENCLAVE_REGISTRATION_OPEN',
  instanceName: 'ENCLAVE_INSTANCE_NAME',
  defaultModel: 'ENCLAVE_DEFAULT_MODEL',
  language: 'ENCLAVE_LANGUAGE',
} as const satisfies Record<keyof GeneralForm, string>;

/** The changed settings, leaving out locked ones (the server would refuse them); null: none. */
export function settingsPatch(settings: InstanceSettings, form: GeneralForm): SettingsPatch | null {
  const patch: SettingsPatch = {};
  const name = form.instanceName.trim();
  if (
    !settings.registrationOpen.locked &&
    form.registrationOpen !== settings.registrationOpen.value
  ) {
    patch.registrationOpen = form.registrationOpen;
  }
  if (!settings.instanceName.locked && name !== settings.instanceName.value) {
    patch.instanceName = name;
  }
  if (!settings.language.locked && form.language !== settings.language.value) {
    patch.language = form.language;
  }
  if (!settings.defaultModel.locked && form.defaultModel !== settings.defaultModel.value) {
    patch.defaultModel = form.defaultModel;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}
