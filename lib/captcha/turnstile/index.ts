/** Cloudflare Turnstile (implicit, explicit, recaptcha-compat): the isolated module. */
export { turnstileModule } from './module';
