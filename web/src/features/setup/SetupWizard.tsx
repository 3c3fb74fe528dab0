import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { isApiError } from '../../api/api-error';
import { useSetupStatus, type SetupStatus } from '../../api/queries';
import { queryKeys } from '../../api/query-keys';
import { useAuth } from '../../auth/auth-context';
import { createFirstAdmin } from '../../auth/session-api';
import { PublicLayout } from '../../layout/PublicLayout';
import { ErrorState } from '../../ui/ErrorState';
import { useErrorMessage } from '../../ui/error-message';
import { PageLoading } from '../../ui/Spinner';
import { AdminStep, type AdminAccount } from './AdminStep';
import { CodeStep } from './CodeStep';
import { InstanceStep } from './InstanceStep';
import { ModelStep } from './ModelStep';
import { SummaryStep } from './SummaryStep';
import { WizardProgress } from './WizardProgress';
import {
  clearWizardState,
  effectiveStep,
  loadWizardState,
  previousStep,
  saveWizardState,
  SIGNED_IN_STEPS,
  type WizardState,
  type WizardStep,
} from './wizard-state';

/**
 * The first-run wizard: setup code → admin account → language and name → default model →
 * summary. Each step is kept in sessionStorage, so a reload resumes where it was; once the
 * admin exists the session (its refresh cookie) carries on across reloads.
 */
export function SetupWizard() {
  const { t } = useTranslation('setup');
  const setup = useSetupStatus();
  const { status } = useAuth();
  const [state, setState] = useState<WizardState>(() => loadWizardState() ?? { step: 'code' });

  if (setup.isPending) return <PageLoading />;
  if (setup.isError) {
    return (
      <PublicLayout title={t('title')}>
        <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />
      </PublicLayout>
    );
  }
  const step = effectiveStep(state, setup.data.setupComplete);
  if (step === null) return <Navigate to="/" replace />;
  if (SIGNED_IN_STEPS.includes(step)) {
    if (status === 'booting') return <PageLoading />;
    if (status !== 'signed-in') return <Navigate to="/login?next=%2Fsetup" replace />;
  }

  const go = (next: WizardState) => {
    saveWizardState(next);
    setState(next);
  };

  return (
    <PublicLayout title={t('title')} subtitle={t('subtitle')} wide>
      <WizardProgress current={step} />
      <StepView step={step} state={state} go={go} />
    </PublicLayout>
  );
}

function StepView({
  step,
  state,
  go,
}: {
  step: WizardStep;
  state: WizardState;
  go: (next: WizardState) => void;
}) {
  const { t } = useTranslation('setup');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { adoptSession } = useAuth();
  const message = useErrorMessage();
  const [codeError, setCodeError] = useState<string | null>(null);
  const [adminError, setAdminError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const back = () => {
    const previous = previousStep(step);
    if (previous) go({ ...state, step: previous });
  };

  const createAdmin = async (account: AdminAccount) => {
    setBusy(true);
    setAdminError(null);
    try {
      const session = await createFirstAdmin({
        setupCode: state.setupCode ?? '',
        username: account.username,
        password: account.password,
        ...(account.displayName ? { displayName: account.displayName } : {}),
      });
      adoptSession(session);
      queryClient.setQueryData<SetupStatus>(queryKeys.setupStatus, (old) => ({
        ...old,
        setupComplete: true,
      }));
      go({ step: 'instance', username: account.username, displayName: account.displayName });
    } catch (error) {
      if (isApiError(error) && error.code === 'invalid_setup_code') {
        setCodeError(t('code.invalid'));
        go({ ...state, step: 'code', username: account.username });
      } else if (isApiError(error) && error.code === 'setup_complete') {
        clearWizardState();
        await queryClient.invalidateQueries({ queryKey: queryKeys.setupStatus });
      } else {
        setAdminError(message(error));
      }
    } finally {
      setBusy(false);
    }
  };

  switch (step) {
    case 'code':
      return (
        <CodeStep
          initialCode={state.setupCode ?? ''}
          error={codeError}
          onNext={(setupCode) => {
            setCodeError(null);
            go({ ...state, step: 'admin', setupCode });
          }}
        />
      );
    case 'admin':
      return (
        <AdminStep
          initial={state}
          busy={busy}
          error={adminError}
          onBack={back}
          onSubmit={(account) => void createAdmin(account)}
        />
      );
    case 'instance':
      return <InstanceStep onNext={() => go({ ...state, step: 'model' })} />;
    case 'model':
      return <ModelStep onBack={back} onNext={() => go({ ...state, step: 'summary' })} />;
    case 'summary':
      return (
        <SummaryStep
          onBack={back}
          onFinish={() => {
            clearWizardState();
            void navigate('/chat', { replace: true });
          }}
        />
      );
  }
}
