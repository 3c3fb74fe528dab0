import { useTranslation } from 'react-i18next';
import type { CopyTexts } from '../../ui/CopyButton';

/** The copy button's texts in the current language. */
export function useCopyTexts(label?: string): CopyTexts {
  const { t } = useTranslation('settings');
  return { copy: label ?? t('copy.copy'), copied: t('copy.copied'), failed: t('copy.failed') };
}
