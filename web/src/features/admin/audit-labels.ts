import { useTranslation } from 'react-i18next';
import type { admin } from '../../i18n/locales/en/admin';

type ActionKey = keyof typeof admin.audit.actions;
type TargetKey = keyof typeof admin.audit.targets;

/** `auth.login` → its key under `audit.actions` (i18next reads dots as nesting). */
export function actionKey(action: string): string {
  return action.replace(/\./g, '_');
}

/** An action's name in the reader's language, with the raw action when it is unknown. */
export function useActionLabel(): (action: string) => string {
  const { t } = useTranslation('admin');
  return (action) => t(`audit.actions.${actionKey(action) as ActionKey}`, { defaultValue: action });
}

export function useTargetLabel(): (type: string) => string {
  const { t } = useTranslation('admin');
  return (type) => t(`audit.targets.${type as TargetKey}`, { defaultValue: type });
}
