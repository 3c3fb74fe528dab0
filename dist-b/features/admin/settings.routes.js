import { principalOf } from '../auth/auth-guard.js';
import { changeSettings, readSettings } from './settings.js';
import { SettingsPatch, SettingsView } from './settings.schema.js';
const tags = ['admin'];
const adminOnly = { auth: { role: 'admin' } };
/** Instance settings; those the environment fixes are shown locked and cannot be changed. */
export const adminSettingsRoutes = async (app, { services, config }) => {
    const { db } = services;
    app.get('/api/admin/settings', {
        config: adminOnly,
        schema: { tags, summary: 'Instance settings', response: { 200: SettingsView } },
    }, async () => readSettings(db, config.fixedSettings));
    app.patch('/api/admin/settings', {
        config: adminOnly,
        schema: {
            tags,
            summary: 'Change instance settings (not those fixed by the environment)',
            body: SettingsPatch,
            response: { 200: SettingsView },
        },
    }, async (request) => changeSettings({
        db,
        fixed: config.fixedSettings,
        actor: principalOf(request),
        changes: request.body,
        request,
    }));
};
//# sourceMappingURL=settings.routes.js.map