import { useTranslation } from 'react-i18next';
import { PreferenceControls } from '../../layout/PreferenceControls';
import { Section } from '../../ui/Section';

/** `/settings/appearance`: the same theme and language pickers as the account menu. */
export function AppearanceSection() {
  const { t } = useTranslation('settings');
  return (
    <Section title={t('appearance.title')} description={t('appearance.description')}>
      <div className="max-w-sm">
        <PreferenceControls />
      </div>
    </Section>
  );
}
