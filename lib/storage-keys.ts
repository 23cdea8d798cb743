/**
 * The keys of the storage items the popup reads by themselves. The items (key, fallback, version,
 * migrations) are declared in lib/storage-items.ts; these two keys live apart so the popup's bundle
 * carries no item definition (it opens fast; e2e/size-budget.e2e.ts).
 */
export const SETTINGS_KEY = 'local:settings';
export const HISTORY_KEY = 'local:history';
