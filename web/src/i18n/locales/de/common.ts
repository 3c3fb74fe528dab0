import type { Translation } from '../../translation';
import type { common as en } from '../en/common';

export const common: Translation<typeof en> = {
  loading: 'Wird geladen …',
  skipToContent: 'Zum Inhalt springen',
  actions: {
    retry: 'Erneut versuchen',
    close: 'Schließen',
    dismiss: 'Ausblenden',
    cancel: 'Abbrechen',
    save: 'Speichern',
    delete: 'Löschen',
    goHome: 'Zur Startseite',
    goBack: 'Zurück',
    reload: 'Seite neu laden',
    backToChat: 'Zurück zum Chat',
  },
  errorState: { title: 'Das konnte nicht geladen werden' },
  errorBoundary: { title: 'Auf dieser Seite ist etwas schiefgegangen' },
  notFound: {
    title: 'Seite nicht gefunden',
    description:
      'Unter dieser Adresse gibt es nichts. Vielleicht wurde die Seite verschoben, oder der Link ist falsch.',
  },
  notAllowed: {
    title: 'Nicht erlaubt',
    description:
      'Diese Seite ist für Administratoren. Wende dich an einen Administrator, wenn du Zugriff brauchst.',
  },
  nav: { label: 'Hauptnavigation', chat: 'Chat', settings: 'Einstellungen', admin: 'Verwaltung' },
  userMenu: {
    label: 'Konto: {{name}}',
    signOut: 'Abmelden',
    signOutEverywhere: 'Überall abmelden',
    signOutEverywhereTitle: 'Überall abmelden?',
    signOutEverywhereText:
      'Damit enden alle Sitzungen deines Kontos, auf diesem Gerät und auf allen anderen. Du musst dich überall neu anmelden.',
  },
  roles: { admin: 'Administrator', user: 'Benutzer' },
  theme: { label: 'Darstellung', system: 'Wie das System', light: 'Hell', dark: 'Dunkel' },
  language: { label: 'Sprache' },
  session: { ended: 'Deine Sitzung ist beendet. Bitte melde dich erneut an.' },
  boot: { unreachable: 'Der Server ist nicht erreichbar' },
  password: {
    rulesLabel: 'Passwortregeln',
    rules: {
      length: 'Mindestens {{count}} Zeichen',
      notUsername: 'Nicht dein Benutzername',
    },
    met: 'erfüllt',
    notMet: 'noch nicht erfüllt',
  },
  errors: {
    unexpected: 'Etwas Unerwartetes ist schiefgegangen. Bitte versuche es erneut.',
    network_error:
      'Der Server ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.',
    aborted: 'Die Anfrage wurde abgebrochen.',
    rate_limited: 'Zu viele Anfragen. Bitte warte einen Moment und versuche es erneut.',
    rate_limited_wait_one:
      'Zu viele Anfragen. Bitte warte {{count}} Sekunde und versuche es erneut.',
    rate_limited_wait_other:
      'Zu viele Anfragen. Bitte warte {{count}} Sekunden und versuche es erneut.',
    unauthorized: 'Bitte melde dich an.',
    invalid_token: 'Deine Sitzung ist beendet. Bitte melde dich erneut an.',
    forbidden: 'Das darfst du nicht.',
    insufficient_scope: 'Dieser Schlüssel darf das nicht.',
    password_change_required: 'Bitte ändere zuerst dein Passwort.',
    account_disabled: 'Dieses Konto ist deaktiviert.',
    csrf_failed: 'Deine Sitzung konnte nicht bestätigt werden. Bitte melde dich erneut an.',
    not_found: 'Das gibt es nicht (mehr).',
    conflict:
      'Das widerspricht einer Änderung, die anderswo gemacht wurde. Lade neu und versuche es erneut.',
    username_taken: 'Dieser Benutzername ist vergeben.',
    last_admin:
      'Der letzte Administrator kann nicht entfernt, deaktiviert oder herabgestuft werden.',
    registration_closed: 'Die Registrierung ist geschlossen.',
    payload_too_large: 'Das ist zu groß.',
    no_model: 'Es ist kein Modell gewählt und kein Standardmodell festgelegt.',
    unknown_model: 'Kein eingerichteter Anbieter bietet dieses Modell an.',
    upstream_unavailable: 'Der Modellanbieter ist nicht erreichbar.',
    upstream_timeout: 'Der Modellanbieter hat nicht rechtzeitig geantwortet.',
    upstream_error: 'Der Modellanbieter hat mit einem Fehler geantwortet.',
    overloaded: 'Der Server ist ausgelastet. Bitte versuche es gleich noch einmal.',
    service_unavailable: 'Der Server ist gerade nicht verfügbar.',
    internal_error: 'Der Server hatte ein Problem. Bitte versuche es erneut.',
  },
};
