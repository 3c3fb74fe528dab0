import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/TextField';
import type { CreatedApiKey } from './settings-api';
import { useCopyTexts } from './use-copy-texts';

/** The new key, this once: selectable and with a copy button. */
export function NewApiKeyDialog({
  apiKey,
  onClose,
}: {
  apiKey: CreatedApiKey | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('settings');
  const copyTexts = useCopyTexts();
  return (
    <Dialog
      open={apiKey !== null}
      onClose={onClose}
      title={t('apiKeys.createdTitle')}
      actions={<Button onClick={onClose}>{t('apiKeys.done')}</Button>}
    >
      {apiKey && (
        <div className="space-y-3">
          <Alert tone="warning">{t('apiKeys.createdText')}</Alert>
          <div className="flex flex-wrap items-end gap-2">
            <TextField
              label={t('apiKeys.keyLabel')}
              value={apiKey.key}
              readOnly
              spellCheck={false}
              className="min-w-0 flex-1"
              inputClassName="font-mono"
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton text={apiKey.key} texts={copyTexts} size="md" />
          </div>
        </div>
      )}
    </Dialog>
  );
}
