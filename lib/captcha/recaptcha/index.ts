/**
 * reCAPTCHA (v2 checkbox, v2 invisible, v3, Enterprise): the isolated module (its main-world half:
 * main-world.ts).
 */
export { recaptchaModule } from './module';
