export { readAction } from './action';
export { renderCard, renderHome } from './card';
export { renderModal } from './form';
export { readFormState, readFormValues } from './form-values';
export { mrkdwn } from './text';
