import type { Translation } from '../../translation';
import type { auth as en } from '../en/auth';

export const auth: Translation<typeof en> = {
  login: {
    title: 'Anmelden',
    subtitle: 'Willkommen zurück.',
    username: 'Benutzername',
    password: 'Passwort',
    submit: 'Anmelden',
  },
  mfa: {
    title: 'Bestätigung in zwei Schritten',
    subtitle: 'Dein Konto verlangt einen zweiten Schritt.',
    totp: 'Bestätigungscode',
    totpHint: 'Der 6-stellige Code aus deiner Authenticator-App.',
    recoveryCode: 'Wiederherstellungscode',
    recoveryHint:
      'Einer der Wiederherstellungscodes, die du beim Einschalten der Bestätigung in zwei Schritten gespeichert hast.',
    submit: 'Bestätigen',
    back: 'Von vorn beginnen',
    useTotp: 'Authenticator-App verwenden',
    useRecovery: 'Wiederherstellungscode verwenden',
  },
  errors: {
    invalidCredentials: 'Benutzername oder Passwort ist falsch.',
    invalidMfaCode: 'Dieser Code ist ungültig. Prüfe ihn und versuche es erneut.',
    accountDisabled: 'Dieses Konto ist deaktiviert. Wende dich an einen Administrator.',
    rateLimitedWait_one: 'Zu viele Versuche. Versuche es in {{count}} Sekunde erneut.',
    rateLimitedWait_other: 'Zu viele Versuche. Versuche es in {{count}} Sekunden erneut.',
    rateLimitedNow: 'Zu viele Versuche. Du kannst es jetzt erneut versuchen.',
  },
  changePassword: {
    title: 'Passwort ändern',
    forced:
      'Dein Passwort wurde von einem Administrator zurückgesetzt. Wähle ein neues, um weiterzumachen.',
    current: 'Aktuelles Passwort',
    new: 'Neues Passwort',
    confirm: 'Neues Passwort wiederholen',
    mismatch: 'Die Passwörter stimmen nicht überein.',
    submit: 'Passwort ändern',
    signOut: 'Stattdessen abmelden',
    wrongCurrent: 'Das aktuelle Passwort ist falsch.',
  },
};
