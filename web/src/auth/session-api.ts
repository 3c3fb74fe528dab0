import { api } from '../api/api';
import { COOKIE_TRANSPORT } from '../api/refresh';
import type { SessionResponse, User } from '../api/types';

export interface Credentials {
  username: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

export interface FirstAdmin {
  setupCode: string;
  username: string;
  password: string;
  displayName?: string;
}

/** Sign in; the refresh token comes back as an httpOnly cookie, never in the body. */
export function login(credentials: Credentials): Promise<SessionResponse> {
  return api.post<SessionResponse>('/api/auth/login', credentials, {
    anonymous: true,
    headers: COOKIE_TRANSPORT,
  });
}

/** Creates the first admin with the setup code and signs them in (cookie transport). */
export function createFirstAdmin(admin: FirstAdmin): Promise<SessionResponse> {
  return api.post<SessionResponse>('/api/setup', admin, {
    anonymous: true,
    headers: COOKIE_TRANSPORT,
  });
}

export const fetchMe = () => api.get<User>('/api/auth/me');
export const logout = () => api.post<void>('/api/auth/logout');
export const logoutEverywhere = () => api.post<void>('/api/auth/logout-all');
export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  api.post<void>('/api/auth/password', body);
export const updateProfile = (body: { displayName: string }) =>
  api.patch<User>('/api/auth/me', body);
