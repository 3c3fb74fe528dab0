import { createContext, useContext } from 'react';
import type { ApiError } from '../api/api-error';
import type { SessionResponse, User } from '../api/types';
import type { Credentials } from './session-api';

export type AuthStatus = 'booting' | 'signed-out' | 'signed-in' | 'unreachable';

export interface AuthContextValue {
  status: AuthStatus;
  /** Set while signed in. */
  user: User | null;
  /** Why the boot failed when status is `unreachable`. */
  bootError: ApiError | null;
  retryBoot: () => void;
  /** Rejects with ApiError: `mfa_required`, `invalid_credentials`, `rate_limited`, … */
  signIn: (credentials: Credentials) => Promise<User>;
  /** Takes over the session a setup (or registration) answer started. */
  adoptSession: (session: SessionResponse) => void;
  signOut: () => Promise<void>;
  signOutEverywhere: () => Promise<void>;
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
  /** `PATCH /api/auth/me`; the answer becomes the signed-in user. Rejects with ApiError. */
  updateProfile: (changes: { displayName: string }) => Promise<User>;
  /** Reloads the signed-in user (after a profile change). */
  reloadUser: () => Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

/** The session: who is signed in and the actions that change it. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth needs an AuthProvider');
  return value;
}

/** The signed-in user, inside routes that require a session. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser outside a signed-in route');
  return user;
}
