import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { noteInstanceLanguage } from '../i18n/i18n';
import { api } from './api';
import { queryKeys } from './query-keys';
import type {
  InstanceSettings,
  NewProvider,
  Page,
  Provider,
  ProviderTestResult,
  SettingsPatch,
} from './types';

const INSTANCE_NAME_KEY = 'enclave.instanceName';

/** Instance settings (admins only), each with its `locked` flag. */
export function useAdminSettings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.adminSettings,
    queryFn: async () => {
      const settings = await api.get<InstanceSettings>('/api/admin/settings');
      remember(settings);
      return settings;
    },
    enabled: options.enabled ?? true,
  });
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => api.patch<InstanceSettings>('/api/admin/settings', patch),
    onSuccess: (settings) => {
      remember(settings);
      queryClient.setQueryData(queryKeys.adminSettings, settings);
      // The public status carries the instance name and language too.
      void queryClient.invalidateQueries({ queryKey: queryKeys.setupStatus });
    },
  });
}

export function useProviders() {
  return useQuery({
    queryKey: queryKeys.providers,
    queryFn: () => api.get<Page<Provider>>('/api/admin/providers'),
    select: (page) => page.items,
  });
}

/** `inlineErrors`: the form shows the error itself, so no toast. */
export function useAddProvider(options: { inlineErrors?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { toastOnError: !options.inlineErrors },
    mutationFn: (provider: NewProvider) => api.post<Provider>('/api/admin/providers', provider),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.providers }),
        queryClient.invalidateQueries({ queryKey: queryKeys.models }),
      ]);
    },
  });
}

/** Asks a provider for its models now; a failure comes back as `ok: false`, not an error. */
export function useTestProvider() {
  return useMutation({
    mutationFn: (id: string) =>
      api.post<ProviderTestResult>(`/api/admin/providers/${encodeURIComponent(id)}/test`),
    meta: { toastOnError: false },
  });
}

/** The instance name as last seen in this browser (for people who cannot read settings). */
export function rememberedInstanceName(): string | null {
  try {
    return window.localStorage.getItem(INSTANCE_NAME_KEY);
  } catch {
    return null;
  }
}

function remember(settings: InstanceSettings) {
  try {
    window.localStorage.setItem(INSTANCE_NAME_KEY, settings.instanceName.value);
  } catch {
    // Storage unavailable: nothing to remember.
  }
  noteInstanceLanguage(settings.language.value);
}
