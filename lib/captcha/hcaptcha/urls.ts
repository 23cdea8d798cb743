/** hCaptcha's hosts. Its frame URLs: frame-agent/hcaptcha.ts. */

/** `hcaptcha.com` or any subdomain (newassets., js., assets., imgs.…): hCaptcha moves its frames around. */
export const isHcaptchaHost = (host: string): boolean =>
  host === 'hcaptcha.com' || host.endsWith('.hcaptcha.com');
