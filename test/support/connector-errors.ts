/**
 * The Bot Connector's error answers as Teams documents them ("Status codes from bot
 * conversational APIs", msteams-docs bots/build-conversational-capability.md): a JSON body
 * `{ error: { code, message } }`, except the gateway's 503 and 504, which carry none.
 */
export const TEAMS_ERRORS = {
  badArgument: { status: 400, code: 'BadArgument', message: 'Invalid request payload.' },
  badSyntax: {
    status: 400,
    code: 'BadSyntax',
    message: 'Incorrect conversation creation parameters',
  },
  botNotRegistered: {
    status: 401,
    code: 'BotNotRegistered',
    message: 'No registration found for this bot.',
  },
  blockedByUser: {
    status: 403,
    code: 'ConversationBlockedByUser',
    message: 'User blocked the conversation with the bot.',
  },
  notInRoster: {
    status: 403,
    code: 'BotNotInConversationRoster',
    message: "The bot isn't part of the conversation roster.",
  },
  disabledByAdmin: {
    status: 403,
    code: 'BotDisabledByAdmin',
    message: 'The tenant admin disabled this bot',
  },
  notInstalled: {
    status: 403,
    code: 'ForbiddenOperationException',
    message: "Bot isn't installed in user's personal scope",
  },
  conversationNotFound: {
    status: 404,
    code: 'ConversationNotFound',
    message: 'Conversation not found.',
  },
  activityNotFound: {
    status: 404,
    code: 'ActivityNotFoundInConversation',
    message: 'Conversation not found.',
  },
  memberNotFound: {
    status: 404,
    code: 'MemberNotFoundInConversation',
    message: 'The member is not part of the conversation.',
  },
  preconditionFailed: {
    status: 412,
    code: 'PreconditionFailed',
    message: 'Precondition failed, please try again.',
  },
  tooBig: { status: 413, code: 'MessageSizeTooBig', message: 'Message size too large.' },
  throttled: { status: 429, code: 'Throttled', message: 'Too many requests.' },
  serviceError: { status: 500, code: 'ServiceError', message: 'Internal server error.' },
  badGateway: { status: 502, code: 'ServiceError', message: 'Service dependency issue.' },
} as const;

export type TeamsError = (typeof TEAMS_ERRORS)[keyof typeof TEAMS_ERRORS];

/**
 * The other 403 Teams documents for a blocked or uninstalled bot (send-proactive-messages.md):
 * a different body altogether, its sub-code inside a JSON string. A sender that classifies 403s
 * by `error.code` alone misses it.
 */
const MESSAGE_WRITES_BLOCKED = {
  errorCode: 209,
  message: JSON.stringify(
    {
      subCode: 'MessageWritesBlocked',
      details: 'Thread is blocked from message writes.',
      errorCode: null,
      errorSubCode: null,
    },
    null,
    2,
  ).replace(/\n/g, '\r\n'),
};

/** What each status answers when a test gives no code: the first documented one. */
const BY_STATUS = new Map<number, TeamsError>(
  [...Object.values(TEAMS_ERRORS)].reverse().map((e) => [e.status, e]),
);

export interface HttpFailure {
  status: number;
  /**
   * A Teams error code ('BotNotInConversationRoster', …; 'MessageWritesBlocked' sends that
   * error's own body); the status's usual code otherwise.
   */
  code?: string;
  message?: string;
  /** Seconds, sent as Retry-After; 429 sends 1 unless told. */
  retryAfter?: number;
  /** The activity is posted first and only the answer fails, as with a lost response. */
  delivered?: boolean;
}

/** The connection closes with no answer at all. */
export interface DroppedConnection {
  drop: true;
  delivered?: boolean;
}

export type ConnectorFailure = HttpFailure | DroppedConnection;

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const errorAnswer = (e: { status: number; code: string; message: string }): Answer => ({
  status: e.status,
  body: { error: { code: e.code, message: e.message } },
});

export function failureAnswer(failure: HttpFailure): Answer {
  const retryAfter = failure.retryAfter ?? (failure.status === 429 ? 1 : undefined);
  const headers: Record<string, string> =
    retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
  if ((failure.status === 503 || failure.status === 504) && !failure.code)
    return { status: failure.status, headers };
  if (failure.code === 'MessageWritesBlocked')
    return { status: failure.status, body: MESSAGE_WRITES_BLOCKED, headers };
  const known = BY_STATUS.get(failure.status);
  return {
    ...errorAnswer({
      status: failure.status,
      code: failure.code ?? known?.code ?? 'ServiceError',
      message: failure.message ?? known?.message ?? 'Error',
    }),
    headers,
  };
}
