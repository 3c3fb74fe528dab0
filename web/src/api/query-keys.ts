/** Query keys of data several screens share; a feature keeps its own keys beside its hooks. */
export const queryKeys = {
  setupStatus: ['setup-status'] as const,
  models: ['models'] as const,
  adminSettings: ['admin', 'settings'] as const,
  providers: ['admin', 'providers'] as const,
};
