import { admin as adminDe } from './locales/de/admin';
import { auth as authDe } from './locales/de/auth';
import { chat as chatDe } from './locales/de/chat';
import { common as commonDe } from './locales/de/common';
import { settings as settingsDe } from './locales/de/settings';
import { setup as setupDe } from './locales/de/setup';
import { admin } from './locales/en/admin';
import { auth } from './locales/en/auth';
import { chat } from './locales/en/chat';
import { common } from './locales/en/common';
import { settings } from './locales/en/settings';
import { setup } from './locales/en/setup';

/**
 * Every text, by language and namespace (one namespace per feature, one file each). English
 * is the source; each German file must have exactly its keys (the type checker says so).
 */
export const resources = {
  en: { common, auth, setup, chat, settings, admin },
  de: {
    common: commonDe,
    auth: authDe,
    setup: setupDe,
    chat: chatDe,
    settings: settingsDe,
    admin: adminDe,
  },
};

export type Namespace = keyof (typeof resources)['en'];
