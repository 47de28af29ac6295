import type { Platform } from '../core/domain/member';
import type { Card } from '../core/conversation/card';
import type { DeliveryTarget, OutboundMessage } from '../core/domain/outbound';

/** A delivery a worker holds: claimed in the database, leased to this process. */
export interface ClaimedDelivery {
  id: string;
  workspaceId: string;
  platform: Platform;
  /** The platform's id for the workspace (a Slack team, a Teams tenant). */
  externalId: string;
  dedupeKey: string;
  target: DeliveryTarget;
  message: OutboundMessage;
  memberIds: string[];
  /** Platform calls made so far. */
  attempts: number;
  /** An earlier attempt may have arrived: look for it before sending again. */
  uncertain: boolean;
  attemptStartedAt: Date | null;
  conversationId: string | null;
  /** The HTTP request that queued it, to follow in the logs; null for jobs. */
  requestId: string | null;
  /** When its first send failed; null while none has. */
  failingSince: Date | null;
}

/** A delivery with its words: the card the platform draws. */
export interface ComposedDelivery extends ClaimedDelivery {
  card: Card;
}

export type SendOutcome =
  | { status: 'sent'; ref: string; conversationId: string | null }
  | { status: 'rate_limited'; retryAfterMs: number }
  | {
      status: 'failed';
      error: string;
      /** Retrying cannot help (the channel is gone, the person cannot be messaged). */
      permanent: boolean;
      /** The request may have reached the platform and been carried out. */
      maybeDelivered: boolean;
      conversationId?: string | null;
      /** Recipients the platform will not deliver to at all (blocked, app removed). */
      unreachable?: string[];
    };

export type VerifyOutcome =
  | { status: 'found'; ref: string }
  | { status: 'not_found'; conversationId: string | null }
  | { status: 'rate_limited'; retryAfterMs: number }
  | { status: 'unknown'; error: string };

export interface PacingBucket {
  /** A name unique within the workspace: 'post', 'channel:C123', … */
  bucket: string;
  /** The least time between two sends that spend this bucket. */
  intervalMs: number;
}

/** How one platform sends: its limits, the send itself, and a check for an uncertain send. */
export interface PlatformSender {
  pacing(delivery: ClaimedDelivery): PacingBucket[];
  send(delivery: ComposedDelivery): Promise<SendOutcome>;
  verify(delivery: ClaimedDelivery): Promise<VerifyOutcome>;
}

export type Senders = Partial<Record<Platform, PlatformSender>>;
