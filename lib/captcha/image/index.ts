/** Image/text captchas marked by the user: the module and the helpers the context-menu flow uses. */

export { inferAnswerField } from './answer-field';
export { captureImage, captureImageSync } from './capture';
export { imageModule } from './module';
export { findImageBySrc, imagePairFor } from './pair';
export { selectorFor } from './selector';
