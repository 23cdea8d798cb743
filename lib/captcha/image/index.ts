/** Image/text captchas marked by the user: the module and the helpers the context-menu flow uses. */
export { imageModule } from './module';
export { captureImage, captureImageSync } from './capture';
export { inferAnswerField } from './answer-field';
export { selectorFor } from './selector';
export { findImageBySrc, imagePairFor } from './pair';
