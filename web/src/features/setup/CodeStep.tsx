import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { StepHeading } from './StepHeading';

/** Step 1: the one-time setup code the server printed. */
export function CodeStep({
  initialCode,
  error,
  onNext,
}: {
  initialCode: string;
  /** Why the code was sent back (a wrong code, found when the account was created). */
  error: string | null;
  onNext: (code: string) => void;
}) {
  const { t } = useTranslation('setup');
  const [code, setCode] = useState(initialCode);
  const cleaned = code.trim().toUpperCase();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (cleaned) onNext(cleaned);
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <StepHeading description={t('code.description')}>{t('code.title')}</StepHeading>
      {error && <Alert tone="error">{error}</Alert>}
      <TextField
        label={t('code.label')}
        hint={t('code.hint')}
        name="setupCode"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder="XXXX-XXXX-XXXX-XXXX"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        inputClassName="font-mono"
      />
      <div className="flex justify-end">
        <Button type="submit" disabled={cleaned === ''}>
          {t('next')}
        </Button>
      </div>
    </form>
  );
}
