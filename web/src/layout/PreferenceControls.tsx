import { useTranslation } from 'react-i18next';
import type { Language } from '../api/types';
import { chooseLanguage } from '../i18n/i18n';
import { isLanguage } from '../i18n/language';
import { useTheme } from '../theme/ThemeProvider';
import type { ThemeChoice } from '../theme/theme';
import { SelectField } from '../ui/SelectField';

/** Theme and language pickers (user menu, and the foot of the public pages). */
export function PreferenceControls({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { theme, setTheme } = useTheme();
  const themes: { value: ThemeChoice; label: string }[] = [
    { value: 'system', label: t('theme.system') },
    { value: 'light', label: t('theme.light') },
    { value: 'dark', label: t('theme.dark') },
  ];
  const languages: { value: Language; label: string }[] = [
    { value: 'en', label: 'English' },
    { value: 'de', label: 'Deutsch' },
  ];
  return (
    <div className={compact ? 'flex flex-wrap items-end justify-center gap-3' : 'space-y-3'}>
      <SelectField
        label={t('theme.label')}
        value={theme}
        options={themes}
        onChange={(event) => setTheme(event.target.value as ThemeChoice)}
      />
      <SelectField
        label={t('language.label')}
        value={i18n.resolvedLanguage ?? 'en'}
        options={languages}
        onChange={(event) => {
          if (isLanguage(event.target.value)) chooseLanguage(event.target.value);
        }}
      />
    </div>
  );
}
