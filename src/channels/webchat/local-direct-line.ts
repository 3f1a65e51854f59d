/**
 * The local Direct Line: the conversations, tokens and activities behind the Direct Line 3.0
 * subset that Web Chat needs when no Azure secret is configured. Memory is bounded: tokens
 * and idle conversations expire, conversations and the activities each keeps are capped, and
 * posting is rate-limited per conversation. Time comes from an injectable clock.
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

export interface LocalDirectLineLimits {
  /** Conversations kept at once; a new one is refused when all are in use. */
  readonly maxConversations: number;
  /** A conversation with no request for this long is forgotten. */
  readonly idleMs: number;
  /** A token is valid this long unless refreshed (Web Chat refreshes every 15 minutes). */
  readonly tokenTtlMs: number;
  /** Activities kept per conversation; the oldest are dropped first. */
  readonly maxActivities: number;
  /** Messages a conversation may post per minute. */
  readonly postsPerMinute: number;
}

export const DEFAULT_LIMITS: LocalDirectLineLimits = {
  maxConversations: 1000,
  idleMs: 30 * 60_000,
  tokenTtlMs: 30 * 60_000,
  maxActivities: 100,
  postsPerMinute: 20,
};

export interface DirectLineConversation {
  readonly id: string;
  /** The user every activity of this conversation is from; clients cannot choose it. */
  readonly userId: string;
  /** True once the client has opened it (POST /conversations) and the welcome is sent. */
  started: boolean;
  lastSeen: number;
  readonly activities: Partial<Activity>[];
  /** Sequence number of activities[0]; the watermark is the sequence number of the last one. */
  firstSequence: number;
  readonly postTimes: number[];
  readonly tokens: Set<string>;
  readonly waiters: Set<() => void>;
}

export interface IssuedToken {
  readonly conversationId: string;
  readonly token: string;
  readonly userId: string;
  /** Seconds, as Direct Line's expires_in. */
  readonly expiresIn: number;
}

export type Access =
  | { readonly ok: true; readonly conversation: DirectLineConversation }
  | { readonly ok: false; readonly status: 403 | 404 };

const randomId = (bytes: number) => randomBytes(bytes).toString('base64url');

export class LocalDirectLine {
  private readonly conversations = new Map<string, DirectLineConversation>();
  private readonly tokens = new Map<string, { conversationId: string; expiresAt: number }>();

  constructor(
    readonly limits: LocalDirectLineLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  /** A new conversation and its token, or undefined when every slot is taken. */
  openConversation(): IssuedToken | undefined {
    if (this.conversations.size >= this.limits.maxConversations) this.sweep();
    if (this.conversations.size >= this.limits.maxConversations) return undefined;
    const conversation: DirectLineConversation = {
      id: randomId(16),
      userId: `local_${randomId(12)}`,
      started: false,
      lastSeen: this.now(),
      activities: [],
      firstSequence: 1,
      postTimes: [],
      tokens: new Set(),
      waiters: new Set(),
    };
    this.conversations.set(conversation.id, conversation);
    return this.issueToken(conversation);
  }

  /** A fresh token for the conversation the given token belongs to (tokens/refresh). */
  refresh(token: string | undefined): IssuedToken | undefined {
    const access = this.authorize(token);
    return access.ok ? this.issueToken(access.conversation) : undefined;
  }

  /**
   * The conversation a token opens. With a conversation id, the token must belong to it: a
   * wrong, expired or missing token is 403; a token for a forgotten conversation is 404.
   */
  authorize(token: string | undefined, conversationId?: string): Access {
    const entry = token ? this.tokens.get(token) : undefined;
    if (!entry || entry.expiresAt <= this.now()) return { ok: false, status: 403 };
    if (conversationId !== undefined && entry.conversationId !== conversationId) {
      return { ok: false, status: 403 };
    }
    const conversation = this.conversations.get(entry.conversationId);
    if (!conversation || this.isIdle(conversation)) return { ok: false, status: 404 };
    conversation.lastSeen = this.now();
    return { ok: true, conversation };
  }

  /** The conversation with this id, for the bot's replies (no token: the bot is in process). */
  find(conversationId: string | undefined): DirectLineConversation | undefined {
    return conversationId ? this.conversations.get(conversationId) : undefined;
  }

  /** Counts a post against the per-minute limit; false when the limit is reached. */
  allowPost(conversation: DirectLineConversation): boolean {
    const minuteAgo = this.now() - 60_000;
    while (conversation.postTimes.length > 0 && conversation.postTimes[0] <= minuteAgo) {
      conversation.postTimes.shift();
    }
    if (conversation.postTimes.length >= this.limits.postsPerMinute) return false;
    conversation.postTimes.push(this.now());
    return true;
  }

  /** Seconds until the oldest post of the last minute leaves the window. */
  retryAfterSeconds(conversation: DirectLineConversation): number {
    const oldest = conversation.postTimes[0] ?? this.now();
    return Math.max(1, Math.ceil((oldest + 60_000 - this.now()) / 1000));
  }

  /** Stores an activity with its id and timestamp and wakes pollers; returns the id. */
  append(conversation: DirectLineConversation, activity: Partial<Activity>): string {
    const sequence = conversation.firstSequence + conversation.activities.length;
    const id = `${conversation.id}|${String(sequence).padStart(7, '0')}`;
    conversation.activities.push({ ...activity, id, timestamp: new Date(this.now()) });
    while (conversation.activities.length > this.limits.maxActivities) {
      conversation.activities.shift();
      conversation.firstSequence += 1;
    }
    for (const wake of conversation.waiters) wake();
    conversation.waiters.clear();
    return id;
  }

  /** Activities after the watermark, and the new watermark (Direct Line's activity set). */
  activitiesAfter(
    conversation: DirectLineConversation,
    watermark: string | undefined,
  ): { activities: Partial<Activity>[]; watermark: string } {
    const seen = Number(watermark);
    const after = Number.isInteger(seen) && seen > 0 ? seen : 0;
    const skip = Math.max(0, after - conversation.firstSequence + 1);
    const last = conversation.firstSequence + conversation.activities.length - 1;
    return { activities: conversation.activities.slice(skip), watermark: String(Math.max(last, 0)) };
  }

  /** Resolves when an activity is appended, or after waitMs (long polling). */
  waitForActivity(conversation: DirectLineConversation, waitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, waitMs);
      function done() {
        clearTimeout(timer);
        conversation.waiters.delete(done);
        resolve();
      }
      conversation.waiters.add(done);
    });
  }

  /** Forgets idle conversations and expired tokens. */
  sweep(): void {
    const now = this.now();
    for (const [token, entry] of this.tokens) {
      if (entry.expiresAt > now && this.conversations.has(entry.conversationId)) continue;
      this.tokens.delete(token);
      this.conversations.get(entry.conversationId)?.tokens.delete(token);
    }
    for (const conversation of this.conversations.values()) {
      if (!this.isIdle(conversation)) continue;
      for (const token of conversation.tokens) this.tokens.delete(token);
      for (const wake of conversation.waiters) wake();
      this.conversations.delete(conversation.id);
    }
  }

  /** Answers every waiting poll now (at shutdown). */
  wakeAll(): void {
    for (const conversation of this.conversations.values()) {
      for (const wake of conversation.waiters) wake();
    }
  }

  private isIdle(conversation: DirectLineConversation): boolean {
    return this.now() - conversation.lastSeen >= this.limits.idleMs;
  }

  private issueToken(conversation: DirectLineConversation): IssuedToken {
    const token = randomId(32);
    this.tokens.set(token, {
      conversationId: conversation.id,
      expiresAt: this.now() + this.limits.tokenTtlMs,
    });
    conversation.tokens.add(token);
    return {
      conversationId: conversation.id,
      token,
      userId: conversation.userId,
      expiresIn: Math.floor(this.limits.tokenTtlMs / 1000),
    };
  }
}
