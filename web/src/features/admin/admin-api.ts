import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import { api } from '../../api/api';
import { queryKeys } from '../../api/query-keys';
import type { Page, Provider, ProviderKind, Role, User } from '../../api/types';
import { auditQueryString, type AuditFilters } from './audit-filters';
import type { StatusReport } from './status-summary';

export type AdminUser = User & { disabled: boolean };

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
}

export type UserPatch = Partial<{ role: Role; disabled: boolean; displayName: string }>;

export interface AuditRecord {
  id: string;
  at: string;
  action: string;
  outcome: 'success' | 'failure';
  actor: { id: string | null; username: string | null } | null;
  target: { type: string; id: string | null } | null;
  clientAddress: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

/** `PATCH /api/admin/providers/:id`: `apiKey: null` removes the key, `concurrency: null` means the default. */
export type ProviderPatch = Partial<{
  enabled: boolean;
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  apiKey: string | null;
  concurrency: number | null;
}>;

const keys = {
  users: ['admin', 'users'] as const,
  audit: (filters: AuditFilters) => ['admin', 'audit', filters] as const,
  status: ['admin', 'status'] as const,
};

const PAGE_SIZE = 50;

/** Users, newest first, a page at a time. */
export function useUsers() {
  return useInfiniteQuery({
    queryKey: keys.users,
    queryFn: ({ pageParam }) =>
      api.get<Page<AdminUser>>(
        `/api/admin/users?limit=${PAGE_SIZE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Every user the list has loaded, flattened. */
export function loadedUsers(data: InfiniteData<Page<AdminUser>> | undefined): AdminUser[] {
  return data?.pages.flatMap((page) => page.items) ?? [];
}

/** Up to 200 users at once, to name the people in the audit trail and its filter. */
export function useUserDirectory() {
  return useQuery({
    queryKey: [...keys.users, 'directory'],
    queryFn: () => api.get<Page<AdminUser>>('/api/admin/users?limit=200'),
    select: (page) => page.items,
    staleTime: 60_000,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.users });
}

/** The create form shows refusals (username taken, weak password) itself. */
export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    meta: { toastOnError: false },
    mutationFn: (user: NewUser) => api.post<AdminUser>('/api/admin/users', user),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    meta: { toastOnError: false },
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) =>
      api.patch<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ temporaryPassword: string }>(
        `/api/admin/users/${encodeURIComponent(id)}/reset-password`,
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/admin/users/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}

function useInvalidateProviders() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.providers }),
      queryClient.invalidateQueries({ queryKey: queryKeys.models }),
      queryClient.invalidateQueries({ queryKey: keys.status }),
    ]);
}

/** `inlineErrors`: the form shows the error itself, so no toast. */
export function useUpdateProvider(options: { inlineErrors?: boolean } = {}) {
  const invalidate = useInvalidateProviders();
  return useMutation({
    meta: { toastOnError: !options.inlineErrors },
    mutationFn: ({ id, patch }: { id: string; patch: ProviderPatch }) =>
      api.patch<Provider>(`/api/admin/providers/${encodeURIComponent(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteProvider() {
  const invalidate = useInvalidateProviders();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/admin/providers/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}

/** The audit trail under `filters`, newest first, a page at a time. */
export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: keys.audit(filters),
    queryFn: ({ pageParam }) =>
      api.get<Page<AuditRecord>>(
        `/api/admin/audit?${auditQueryString(filters, { cursor: pageParam, limit: PAGE_SIZE })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** How often the status page asks again. */
export const STATUS_REFRESH_MS = 10_000;

/** `GET /api/admin/status`, asked again every 10 s while the page is open. */
export function useStatus() {
  return useQuery({
    queryKey: keys.status,
    queryFn: () => api.get<StatusReport>('/api/admin/status'),
    refetchInterval: STATUS_REFRESH_MS,
    staleTime: 0,
    // A failure should show at once, not after two silent retries.
    retry: false,
  });
}
