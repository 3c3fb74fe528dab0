import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api';
import type { Page } from '../../api/types';

export type Scope = 'chat' | 'documents' | 'admin';
export const SCOPES: readonly Scope[] = ['chat', 'documents', 'admin'];

/** One signed-in session of the caller (`GET /api/auth/sessions`). */
export interface Session {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  clientAddress: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** The answer to creating a key: the only time the key itself is sent. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface NewApiKey {
  name: string;
  scopes: Scope[];
  expiresAt?: string;
}

export interface MfaSetup {
  secret: string;
  otpauthUrl: string;
}

const keys = {
  sessions: ['me', 'sessions'] as const,
  apiKeys: ['me', 'api-keys'] as const,
};

export function useSessions() {
  return useQuery({
    queryKey: keys.sessions,
    queryFn: () => api.get<Page<Session>>('/api/auth/sessions'),
    select: (page) => page.items,
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/auth/sessions/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.sessions }),
  });
}

export function useApiKeys() {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: () => api.get<Page<ApiKey>>('/api/keys'),
    select: (page) => page.items,
  });
}

/** The form shows a refusal itself (a name or date problem), so no toast. */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { toastOnError: false },
    mutationFn: (key: NewApiKey) => api.post<CreatedApiKey>('/api/keys', key),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/keys/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useMfaSetup() {
  return useMutation({
    mutationFn: () => api.post<MfaSetup>('/api/auth/mfa/setup'),
  });
}

/** A wrong code is shown in the form, so no toast. */
export function useMfaEnable() {
  return useMutation({
    meta: { toastOnError: false },
    mutationFn: (totp: string) =>
      api.post<{ recoveryCodes: string[] }>('/api/auth/mfa/enable', { totp }),
  });
}

export function useMfaDisable() {
  return useMutation({
    meta: { toastOnError: false },
    mutationFn: (body: { password: string; totp: string }) =>
      api.post<void>('/api/auth/mfa/disable', body),
  });
}
