/** Turnstile's host (its frames and scripts, never a site page). Its frame URLs: frame-agent/turnstile.ts. */
export const isTurnstileHost = (host: string): boolean => host === 'challenges.cloudflare.com';
