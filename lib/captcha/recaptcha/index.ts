/** reCAPTCHA (v2 checkbox, v2 invisible, v3, Enterprise): the isolated module and the main-world hook. */
export { recaptchaModule } from './module';
export { recaptchaHook } from './hook';
