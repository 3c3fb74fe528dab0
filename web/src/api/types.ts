/** Shapes of the server's answers that more than one screen uses (see CONTRACT.md). */

export type Role = 'admin' | 'user';
export type Language = 'en' | 'de';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  mfaEnabled: boolean;
  mustChangePassword: boolean;
  disabled?: boolean;
  createdAt: string;
}

/** A sign-in or setup answer with the cookie transport: the refresh token is in a cookie. */
export interface SessionResponse {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Setting<T> {
  value: T;
  /** Fixed by an environment variable; read-only in the UI. */
  locked: boolean;
}

export interface InstanceSettings {
  registrationOpen: Setting<boolean>;
  instanceName: Setting<string>;
  defaultModel: Setting<string | null>;
  language: Setting<Language>;
}

export type SettingsPatch = Partial<{
  registrationOpen: boolean;
  instanceName: string;
  defaultModel: string | null;
  language: Language;
}>;

export interface Model {
  id: string;
  provider: string;
  name: string;
}

export type ProviderKind = 'ollama' | 'openai';

export interface Provider {
  id: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  hasApiKey: boolean;
  enabled: boolean;
  concurrency: number;
  locked: boolean;
  source: 'environment' | 'admin';
  createdAt: string | null;
  updatedAt: string | null;
}

export interface NewProvider {
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  apiKey?: string;
}

export interface ProviderTestResult {
  ok: boolean;
  models: string[];
  latencyMs: number;
  errorCode?: string;
  error?: string;
}
