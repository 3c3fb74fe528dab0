/** Shared look of text inputs and selects. */
export const INPUT_CLASS =
  'block w-full rounded-md border bg-white px-3 py-2 text-base text-gray-900 shadow-sm placeholder:text-gray-500 disabled:bg-gray-100 disabled:text-gray-600 sm:text-sm dark:bg-gray-900 dark:text-gray-100 dark:placeholder:text-gray-400 dark:disabled:bg-gray-800 dark:disabled:text-gray-300';

export function inputBorder(invalid: boolean): string {
  return invalid ? 'border-red-600 dark:border-red-400' : 'border-gray-300 dark:border-gray-600';
}
