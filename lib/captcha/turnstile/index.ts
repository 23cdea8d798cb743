/** Cloudflare Turnstile (implicit, explicit, recaptcha-compat): the isolated module and the main-world hook. */
export { turnstileModule } from './module';
export { turnstileHook } from './hook';
