/** The look of the conversation header's small buttons. */
export const TOOL_BUTTON =
  'inline-flex min-h-9 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-gray-800 hover:bg-gray-200 disabled:opacity-60 dark:text-gray-200 dark:hover:bg-gray-800';
