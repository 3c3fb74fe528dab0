import { useTranslation } from 'react-i18next';
import type { CopyTexts } from '../../ui/CopyButton';

/** The small copy buttons' texts in chat, in the current language. */
export function useCopyTexts(): CopyTexts {
  const { t } = useTranslation('chat');
  return {
    copy: t('copy.short'),
    copied: t('copy.copiedShort'),
    copiedLabel: t('copy.copied'),
    failed: t('copy.failed'),
  };
}
