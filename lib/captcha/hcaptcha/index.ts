/** hCaptcha (checkbox, invisible, recaptcha-compat): the isolated module. */
export { hcaptchaModule } from './module';
