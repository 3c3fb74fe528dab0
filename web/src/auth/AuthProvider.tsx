import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, refresher, tokens } from '../api/api';
import type { ApiError } from '../api/api-error';
import type { SessionResponse, User } from '../api/types';
import { toasts } from '../ui/toast-store';
import { AuthContext, type AuthContextValue, type AuthStatus } from './auth-context';
import { resumeSession, type ResumedSession } from './resume-session';
import * as session from './session-api';

/**
 * Holds the session. On start it tries the refresh cookie (a reload keeps people signed in);
 * it signs out when the server ends the session or another tab signs out.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const [status, setStatus] = useState<AuthStatus>('booting');
  const [user, setUser] = useState<User | null>(null);
  const [bootError, setBootError] = useState<ApiError | null>(null);

  const endLocally = useCallback(() => {
    tokens.set(null);
    setUser(null);
    setStatus('signed-out');
    queryClient.clear();
  }, [queryClient]);

  const applyResumed = useCallback((resumed: ResumedSession) => {
    if (resumed.status === 'signed-in') {
      setUser(resumed.user);
      setStatus('signed-in');
    } else if (resumed.status === 'unreachable') {
      setBootError(resumed.error);
      setStatus('unreachable');
    } else {
      // Nothing cached yet belongs to anyone, so nothing to clear.
      tokens.set(null);
      setStatus('signed-out');
    }
  }, []);

  const boot = useCallback(() => {
    setStatus('booting');
    setBootError(null);
    void resumeSession().then(applyResumed);
  }, [applyResumed]);

  useEffect(() => {
    let live = true;
    void resumeSession().then((resumed) => {
      if (live) applyResumed(resumed);
    });
    return () => {
      live = false;
    };
  }, [applyResumed]);

  useEffect(() => {
    const offEnded = api.on('session-ended', () => {
      if (status !== 'signed-in') return;
      endLocally();
      toasts.info(t('session.ended'));
    });
    const offPasswordChange = api.on('password-change-required', () => {
      setUser((current) => (current ? { ...current, mustChangePassword: true } : current));
    });
    const offMessages = refresher.onMessage((message) => {
      if (message.type === 'signed-out') endLocally();
      if (message.type === 'signed-in' && status === 'signed-out') boot();
    });
    return () => {
      offEnded();
      offPasswordChange();
      offMessages();
    };
  }, [boot, endLocally, status, t]);

  const adoptSession = useCallback((response: SessionResponse) => {
    tokens.set({ token: response.accessToken, expiresAt: Date.now() + response.expiresIn * 1000 });
    setUser(response.user);
    setStatus('signed-in');
    refresher.announce({ type: 'signed-in' });
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      user,
      bootError,
      retryBoot: boot,
      async signIn(credentials) {
        const response = await session.login(credentials);
        queryClient.clear();
        adoptSession(response);
        return response.user;
      },
      adoptSession,
      async signOut() {
        await session.logout().catch(() => undefined);
        refresher.announce({ type: 'signed-out' });
        endLocally();
      },
      async signOutEverywhere() {
        await session.logoutEverywhere();
        refresher.announce({ type: 'signed-out' });
        endLocally();
      },
      async changePassword(currentPassword, newPassword) {
        await session.changePassword({ currentPassword, newPassword });
        // The next token no longer carries the pending-change mark.
        await refresher.refresh(tokens.get()?.token ?? null);
        setUser(await session.fetchMe());
      },
      async updateProfile(changes) {
        const updated = await session.updateProfile(changes);
        setUser(updated);
        return updated;
      },
      async reloadUser() {
        setUser(await session.fetchMe());
      },
    }),
    [status, user, bootError, boot, queryClient, adoptSession, endLocally],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
