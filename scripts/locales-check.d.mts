export interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, Entry>;
export interface LocaleProblems {
  missing: string[];
  extra: string[];
  placeholders: string[];
  invalid: string[];
}
export const LOCALES_DIR: string;
export const LOCALES: string[];
export function placeholdersOf(message: string): string[];
export function strayDollar(message: string): boolean;
export function readCatalogue(locale: string, dir?: string): Catalogue;
export function compareLocale(en: Catalogue, other: Catalogue): LocaleProblems;
export function checkLocales(dir?: string): { en: Catalogue; report: Record<string, LocaleProblems> };
