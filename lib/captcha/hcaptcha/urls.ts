/** hCaptcha's hosts. Its frame URLs: ./agent.ts. */
import { onDomain } from '../others/dom';

/** `hcaptcha.com` or any subdomain (newassets., js., assets., imgs.…): hCaptcha moves its frames around. */
export const isHcaptchaHost = (host: string): boolean => onDomain(host, 'hcaptcha.com');
