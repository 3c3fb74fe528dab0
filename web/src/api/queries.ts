import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import { queryKeys } from './query-keys';
import type { Language, Model, Page } from './types';

export interface SetupStatus {
  setupComplete: boolean;
  /** Not sent by the server yet; used when it is. */
  instanceName?: string;
  language?: Language;
}

export function useSetupStatus() {
  return useQuery({
    queryKey: queryKeys.setupStatus,
    queryFn: () => api.get<SetupStatus>('/api/setup/status', { anonymous: true }),
    staleTime: 60_000,
  });
}

/** Every model of every enabled upstream (`GET /api/models`). */
export function useModels(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.models,
    queryFn: () => api.get<Omit<Page<Model>, 'nextCursor'>>('/api/models'),
    select: (page) => page.items,
    enabled: options.enabled ?? true,
  });
}
