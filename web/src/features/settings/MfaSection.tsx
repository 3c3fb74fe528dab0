import { useEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useUser } from '../../auth/auth-context';
import { Button } from '../../ui/Button';
import { Section } from '../../ui/Section';
import { useToast } from '../../ui/Toaster';
import { initialMfaFlow, mfaFlow } from './mfa-flow';
import { MfaDisableForm } from './MfaDisableForm';
import { MfaEnrolment } from './MfaEnrolment';
import { RecoveryCodes } from './RecoveryCodes';
import { useMfaSetup } from './settings-api';

/**
 * Two-step verification: set up (QR code and key) → confirm with a code → recovery codes, shown
 * once; or turn it off with the password and a code.
 */
export function MfaSection() {
  const { t } = useTranslation('settings');
  const user = useUser();
  const { reloadUser } = useAuth();
  const toast = useToast();
  const [flow, dispatch] = useReducer(mfaFlow, initialMfaFlow);
  const setup = useMfaSetup();
  // Back at rest, the button that ended the step is gone: focus the one that starts the next.
  const actionRef = useRef<HTMLButtonElement>(null);
  const wasBusy = useRef(false);
  useEffect(() => {
    if (flow.step !== 'idle') wasBusy.current = true;
    else if (wasBusy.current) actionRef.current?.focus();
  }, [flow.step]);

  const start = () =>
    setup.mutate(undefined, {
      onSuccess: (answer) => dispatch({ type: 'setupReady', ...answer }),
      // "Already on" means this page is out of date.
      onError: () => void reloadUser().catch(() => undefined),
    });

  const done = (text: string) => {
    toast.success(text);
    void reloadUser().catch(() => undefined);
  };

  return (
    <Section title={t('mfa.title')} description={t('mfa.description')}>
      {flow.step === 'idle' && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="flex items-center gap-2 text-sm">
            <span
              aria-hidden="true"
              className={
                user.mfaEnabled
                  ? 'text-green-700 dark:text-green-400'
                  : 'text-gray-500 dark:text-gray-400'
              }
            >
              {user.mfaEnabled ? '✓' : '○'}
            </span>
            {user.mfaEnabled ? t('mfa.statusOn') : t('mfa.statusOff')}
          </p>
          {user.mfaEnabled ? (
            <Button
              ref={actionRef}
              variant="secondary"
              onClick={() => dispatch({ type: 'startDisable' })}
            >
              {t('mfa.turnOff')}
            </Button>
          ) : (
            <Button ref={actionRef} loading={setup.isPending} onClick={start}>
              {t('mfa.turnOn')}
            </Button>
          )}
        </div>
      )}
      {flow.step === 'enrolling' && (
        <MfaEnrolment
          secret={flow.secret}
          otpauthUrl={flow.otpauthUrl}
          username={user.username}
          onEnabled={(recoveryCodes) => {
            dispatch({ type: 'enabled', recoveryCodes });
            done(t('mfa.enabled'));
          }}
          onCancel={() => dispatch({ type: 'cancel' })}
        />
      )}
      {flow.step === 'codes' && (
        <RecoveryCodes
          codes={flow.recoveryCodes}
          username={user.username}
          onSaved={() => dispatch({ type: 'codesSaved' })}
        />
      )}
      {flow.step === 'disabling' && (
        <MfaDisableForm
          onDisabled={() => {
            dispatch({ type: 'disabled' });
            done(t('mfa.disabled'));
          }}
          onCancel={() => dispatch({ type: 'cancel' })}
        />
      )}
    </Section>
  );
}
