/** Turnstile's host (its frames and scripts, never a site page). Its frame URLs: ./agent.ts. */
export const isTurnstileHost = (host: string): boolean => host === 'challenges.cloudflare.com';
