/** hCaptcha (checkbox, invisible, recaptcha-compat): the isolated module and the main-world hook. */
export { hcaptchaModule } from './module';
export { hcaptchaHook } from './hook';
