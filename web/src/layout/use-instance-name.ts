import { useEffect } from 'react';
import { rememberedInstanceName, useAdminSettings } from '../api/admin-queries';
import { useSetupStatus } from '../api/queries';
import { useAuth } from '../auth/auth-context';

/** The instance's name for the header and the window title. */
export function useInstanceName(): string {
  const { user } = useAuth();
  const status = useSetupStatus();
  const settings = useAdminSettings({
    enabled: user?.role === 'admin' && !user.mustChangePassword,
  });
  // An admin's settings are the freshest (they change them here); everyone else gets the
  // public status, which the server shares with the sign-in page.
  const name =
    settings.data?.instanceName.value ??
    status.data?.instanceName ??
    rememberedInstanceName() ??
    'Enclave';
  useEffect(() => {
    document.title = name;
  }, [name]);
  return name;
}
