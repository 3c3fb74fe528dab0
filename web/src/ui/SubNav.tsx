import { NavLink } from 'react-router';
import { cx } from './cx';

/**
 * The sections of a page as links (the current one marked with aria-current). On a narrow
 * screen the row scrolls sideways rather than widening the page.
 */
export function SubNav({
  label,
  items,
}: {
  label: string;
  items: { to: string; label: string }[];
}) {
  return (
    <nav aria-label={label} className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1 pb-1">
        {items.map((item) => (
          <li key={item.to} className="shrink-0">
            <NavLink
              to={item.to}
              className={({ isActive }) =>
                cx(
                  'inline-block rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap',
                  isActive
                    ? 'bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100'
                    : 'text-gray-700 hover:bg-gray-200 dark:text-gray-300 dark:hover:bg-gray-800',
                )
              }
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
