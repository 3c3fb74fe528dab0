import { MutationCache, QueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { isApiError } from '../api/api-error';
import { errorMessage } from '../ui/error-message';
import { toasts } from '../ui/toast-store';

declare module '@tanstack/react-query' {
  interface Register {
    /** `meta: { toastOnError: false }` on a mutation that shows its own error. */
    mutationMeta: { toastOnError?: boolean };
  }
}

/**
 * Queries retry server failures twice and never client errors; a failed mutation raises an
 * error toast unless it says `meta: { toastOnError: false }` (forms that show errors inline).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          failures < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      },
    },
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.toastOnError === false) return;
        toasts.error(errorMessage(i18next.t, error));
      },
    }),
  });
}
