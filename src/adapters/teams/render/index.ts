export { renderCard } from './card';
export { readInvoke, readSubmit, type CardRequest } from './decode';
export { renderForm, withErrors } from './form';
export type { FormOptions, RenderOptions } from './options';
export type { AdaptiveCard, CardAction, CardElement, MentionEntity } from './types';
