import { useTranslation } from 'react-i18next';
import type { CopyTexts } from '../../ui/CopyButton';

/** The copy button's texts in the current language. */
export function useCopyTexts(): CopyTexts {
  const { t } = useTranslation('admin');
  return { copy: t('copy.copy'), copied: t('copy.copied'), failed: t('copy.failed') };
}
