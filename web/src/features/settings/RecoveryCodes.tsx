import { useTranslation } from 'react-i18next';
import { useInstanceName } from '../../layout/use-instance-name';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { FocusHeading } from './FocusHeading';
import { recoveryCodesFile } from './mfa-flow';
import { useCopyTexts } from './use-copy-texts';

/** The ten recovery codes, shown this once, to copy or download before leaving. */
export function RecoveryCodes({
  codes,
  username,
  onSaved,
}: {
  codes: string[];
  username: string;
  onSaved: () => void;
}) {
  const { t } = useTranslation('settings');
  const instanceName = useInstanceName();
  const copyTexts = useCopyTexts(t('mfa.copyAll'));
  const file = recoveryCodesFile({
    codes,
    username,
    instanceName,
    heading: t('mfa.fileHeading'),
    note: t('mfa.fileNote'),
  });

  const download = () => {
    const url = URL.createObjectURL(new Blob([file], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `enclave-recovery-codes-${username}.txt`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="space-y-4">
      <FocusHeading>{t('mfa.codesTitle')}</FocusHeading>
      <Alert tone="warning">{t('mfa.codesText')}</Alert>
      <ul
        aria-label={t('mfa.codesLabel')}
        className="grid grid-cols-1 gap-1 rounded-md bg-gray-100 p-3 font-mono text-sm select-all min-[420px]:grid-cols-2 dark:bg-gray-800"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <CopyButton text={codes.join('\n')} texts={copyTexts} size="md" />
        <Button variant="secondary" onClick={download}>
          {t('mfa.download')}
        </Button>
        <Button onClick={onSaved}>{t('mfa.codesSaved')}</Button>
      </div>
    </div>
  );
}
