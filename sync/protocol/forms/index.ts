/**
 * Forms: the declarative definition format (docs/forms.md), conditions, messages and validation.
 * Pure (zod only), shared by the host, the central server and the renderer.
 */
export * from './conditions';
export * from './form-definition';
export * from './form-messages';
export * from './form-validation';
