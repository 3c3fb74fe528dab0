import { ProfileSection } from './ProfileSection';
import { SignOutEverywhereSection } from './SignOutEverywhereSection';

/** `/settings/profile`. */
export function ProfilePage() {
  return (
    <div className="space-y-4">
      <ProfileSection />
      <SignOutEverywhereSection />
    </div>
  );
}
