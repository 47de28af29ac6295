import { plainText } from '../../src/core/conversation/text';
import { apology, busy } from '../../src/core/messages/common';

/** What people are told when something failed on Rapport's side, as every platform says it. */
export const APOLOGY = plainText(apology());
export const BUSY = plainText(busy());
