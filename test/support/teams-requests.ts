import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';

export interface PostResult {
  status: number;
  /** The parsed JSON answer (an invoke's response), the raw text if not JSON, else undefined. */
  body: any;
}

/**
 * POSTs an activity to the bot's /api/messages as the Bot Connector does. Without `token` no
 * Authorization header is sent, which only an anonymous (development) bot accepts.
 */
export async function postActivity(
  url: string,
  activity: object,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<PostResult> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  let body: any = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, body };
}

// One key per test process: generating RSA keys takes tens of milliseconds.
let forger: { privateKey: string; kid: string } | undefined;

function forgingKey() {
  forger ??= {
    privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    kid: randomUUID(),
  };
  return forger;
}

export interface ForgedClaims {
  /** The bot's app id, as the Bot Connector's tokens carry it. */
  audience: string;
  /** Azure Bot Service's issuer unless given. */
  issuer?: string;
  /** The `serviceurl` claim the SDK compares with the activity's serviceUrl. */
  serviceUrl?: string;
  /** Seconds from now; negative for a token that has already expired. */
  expiresIn?: number;
  /** Entra tenant claim, for issuers that carry one. */
  tenantId?: string;
  /** The `kid` header the SDK looks up in the issuer's published keys. */
  kid?: string;
}

/**
 * A well-formed RS256 token with the claims a Bot Connector token has, signed with a key of our
 * own rather than Microsoft's: the signature check must reject it. With an audience the bot
 * knows, the SDK fetches the issuer's signing keys from Microsoft (login.botframework.com)
 * before it can reject the token; offline that lookup fails at once, which is also a 401.
 */
export function forgedToken(claims: ForgedClaims): string {
  const key = forgingKey();
  const issuer = claims.issuer ?? 'https://api.botframework.com';
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + (claims.expiresIn ?? 3600);
  return jwt.sign(
    {
      serviceurl: claims.serviceUrl ?? 'https://smba.trafficmanager.net/amer/',
      nbf: Math.min(now, expiresAt) - 300,
      exp: expiresAt,
      ...(claims.tenantId && { tid: claims.tenantId }),
    },
    key.privateKey,
    {
      algorithm: 'RS256',
      audience: claims.audience,
      issuer,
      keyid: claims.kid ?? key.kid,
    },
  );
}

/** Three dot-separated parts that are not base64url JSON: not a JWT at all. */
export function malformedToken(): string {
  return 'not-a-header.not-a-payload.not-a-signature';
}
