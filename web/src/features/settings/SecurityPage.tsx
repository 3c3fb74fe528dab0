import { MfaSection } from './MfaSection';
import { PasswordSection } from './PasswordSection';

/** `/settings/security`: the password and the second factor. */
export function SecurityPage() {
  return (
    <div className="space-y-4">
      <PasswordSection />
      <MfaSection />
    </div>
  );
}
