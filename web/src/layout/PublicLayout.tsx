import type { ReactNode } from 'react';
import { PreferenceControls } from './PreferenceControls';

/** Sign-in, setup and password pages: one centred card, preferences at the foot. */
export function PublicLayout({
  title,
  subtitle,
  children,
  wide = false,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-8 sm:py-16">
      <main
        id="main"
        className={`w-full ${wide ? 'max-w-2xl' : 'max-w-md'} rounded-xl border border-gray-200 bg-white p-5 shadow-sm sm:p-8 dark:border-gray-800 dark:bg-gray-900`}
      >
        <div className="mb-6 flex items-center gap-3">
          <img src="/favicon.svg" alt="" className="size-8" />
          <div>
            <h1 className="text-xl font-semibold">{title}</h1>
            {subtitle && <p className="text-sm text-gray-600 dark:text-gray-400">{subtitle}</p>}
          </div>
        </div>
        {children}
      </main>
      <footer className="mt-6 w-full max-w-md">
        <PreferenceControls compact />
      </footer>
    </div>
  );
}
