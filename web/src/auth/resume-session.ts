import { refresher } from '../api/api';
import { isApiError, type ApiError } from '../api/api-error';
import type { User } from '../api/types';
import { fetchMe } from './session-api';

export type ResumedSession =
  | { status: 'signed-in'; user: User }
  | { status: 'signed-out' }
  | { status: 'unreachable'; error: ApiError };

/**
 * Resumes the session from the refresh cookie (a reload, a new tab): a fresh access token,
 * then the user. No cookie or a dead one: signed out. No answer: unreachable (retry later;
 * the cookie is still good).
 */
export async function resumeSession(): Promise<ResumedSession> {
  try {
    const token = await refresher.refresh(null);
    if (!token) return { status: 'signed-out' };
    return { status: 'signed-in', user: await fetchMe() };
  } catch (error) {
    if (isApiError(error) && (error.status === 0 || error.status >= 500)) {
      return { status: 'unreachable', error };
    }
    return { status: 'signed-out' };
  }
}
