import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config/config.js';
import type { AccountServices } from '../auth/account-services.js';
import { principalOf } from '../auth/auth-guard.js';
import { changeSettings, readSettings } from './settings.js';
import { SettingsPatch, SettingsView } from './settings.schema.js';

const tags = ['admin'];
const adminOnly = { auth: { role: 'admin' } } as const;

/** Instance settings; those the environment fixes are shown locked and cannot be changed. */
export const adminSettingsRoutes: FastifyPluginAsyncTypebox<{
  services: AccountServices;
  config: Config;
}> = async (app, { services, config }) => {
  const { db } = services;

  app.get(
    '/api/admin/settings',
    {
      config: adminOnly,
      schema: { tags, summary: 'Instance settings', response: { 200: SettingsView } },
    },
    async () => readSettings(db, config.fixedSettings),
  );

  app.patch(
    '/api/admin/settings',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Change instance settings (not those fixed by the environment)',
        body: SettingsPatch,
        response: { 200: SettingsView },
      },
    },
    async (request) =>
      changeSettings({
        db,
        fixed: config.fixedSettings,
        actor: principalOf(request),
        changes: request.body,
        request,
      }),
  );
};
