/**
 * The automation setup page (entrypoints/setup/, docs/automation.md): its config comes in the URL hash as
 * URI-encoded JSON `{"clientKey": "...", "settings": {...}}`; its answer is the readiness JSON and a
 * `document.title` a script can wait on. No zod here: the background validates every field.
 */
import type { PageMessage, Readiness } from '@/lib/messaging';

/** The message a hash asks for: apply a config, or (no hash) only report readiness; null if unreadable. */
export function setupMessage(
  hash: string,
): Extract<PageMessage, { type: 'setup:apply' | 'setup:status' }> | null {
  const raw = hash.replace(/^#/, '');
  if (!raw) return { type: 'setup:status' };
  let config: unknown;
  try {
    config = JSON.parse(decodeURIComponent(raw));
  } catch {
    return null;
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return null;
  const { clientKey, settings, ...rest } = config as Record<string, unknown>;
  if (Object.keys(rest).length) return null;
  if (clientKey !== undefined && typeof clientKey !== 'string') return null;
  if (
    settings !== undefined &&
    (typeof settings !== 'object' || settings === null || Array.isArray(settings))
  )
    return null;
  return {
    type: 'setup:apply',
    ...(clientKey !== undefined ? { clientKey } : {}),
    ...(settings !== undefined ? { settings: settings as Record<string, unknown> } : {}),
  };
}

/** `anysolver:ready`, or `anysolver:error:<CODE>`: what a script waits for. */
export const readinessTitle = (r: Pick<Readiness, 'ready' | 'code'>): string =>
  r.ready ? 'anysolver:ready' : `anysolver:error:${r.code ?? 'UNKNOWN'}`;
