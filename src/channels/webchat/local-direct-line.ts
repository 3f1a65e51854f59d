/**
 * The local Direct Line: the conversations, tokens and activities behind the Direct Line 3.0
 * subset that Web Chat needs when no Azure secret is configured. Memory is bounded: tokens
 * and idle conversations expire (those in which nothing was posted, soon), a refresh replaces
 * its token, conversations (in all and per client address) and the activities each keeps are
 * capped, and posting is rate-limited per conversation. Time comes from an injectable clock.
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

export interface LocalDirectLineLimits {
  /** Conversations kept at once; a new one is refused when all are in use. */
  readonly maxConversations: number;
  /** A conversation with no request for this long is forgotten. */
  readonly idleMs: number;
  /** A conversation in which nothing was posted yet is forgotten after this long without a request. */
  readonly unusedMs: number;
  /** Conversations one client address may hold at once. */
  readonly perClient: number;
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
  unusedMs: 2 * 60_000,
  perClient: 20,
  tokenTtlMs: 30 * 60_000,
  maxActivities: 100,
  postsPerMinute: 20,
};

export interface DirectLineConversation {
  readonly id: string;
  /** The address (or IPv6 /64) that opened it: one client holds at most `perClient`. */
  readonly client: string;
  /** True once the visitor has posted a message: from then on it is kept for `idleMs`. */
  posted: boolean;
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

export type Opened =
  | { readonly ok: true; readonly issued: IssuedToken }
  | { readonly ok: false; readonly reason: 'full' | 'client' };

/** Tokens one conversation holds at most after resumes (tabs sharing it, page loads). */
export const MAX_TOKENS_PER_CONVERSATION = 4;

/** How long the token a refresh replaces keeps working (a request already on its way with it). */
export const REPLACED_TOKEN_GRACE_MS = 30_000;

export type Access =
  | { readonly ok: true; readonly conversation: DirectLineConversation }
  | { readonly ok: false; readonly status: 403 | 404 };

const randomId = (bytes: number) => randomBytes(bytes).toString('base64url');

export class LocalDirectLine {
  private readonly conversations = new Map<string, DirectLineConversation>();
  private readonly tokens = new Map<string, { conversationId: string; expiresAt: number }>();
  private readonly perClient = new Map<string, number>();

  constructor(
    readonly limits: LocalDirectLineLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  /** A new conversation and its token, unless every slot is taken or the client holds its share. */
  openConversation(client: string): Opened {
    const full = () => this.conversations.size >= this.limits.maxConversations;
    const clientFull = () => (this.perClient.get(client) ?? 0) >= this.limits.perClient;
    if (full() || clientFull()) this.sweep();
    if (clientFull()) return { ok: false, reason: 'client' };
    if (full()) return { ok: false, reason: 'full' };
    const conversation: DirectLineConversation = {
      id: randomId(16),
      client,
      posted: false,
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
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    return { ok: true, issued: this.issueToken(conversation) };
  }

  /**
   * A fresh token for the conversation the given token belongs to (tokens/refresh). It replaces
   * the old one, which works a few seconds more, so a conversation never holds more than two.
   */
  refresh(token: string | undefined): IssuedToken | undefined {
    const access = this.authorize(token);
    if (!access.ok) return undefined;
    const { conversation } = access;
    for (const old of conversation.tokens) {
      const entry = this.tokens.get(old);
      if (old === token && entry) {
        entry.expiresAt = Math.min(entry.expiresAt, this.now() + REPLACED_TOKEN_GRACE_MS);
        continue;
      }
      this.tokens.delete(old);
      conversation.tokens.delete(old);
    }
    return this.issueToken(conversation);
  }

  /**
   * A fresh token for a conversation a bubble takes up again after a page load (the caller has
   * checked its resume key), or undefined once the conversation has expired. The other tokens
   * stay valid (a duplicated tab shares the conversation), but a conversation keeps at most
   * MAX_TOKENS_PER_CONVERSATION: the oldest go first.
   */
  resume(conversationId: string): IssuedToken | undefined {
    const conversation = this.conversations.get(conversationId);
    if (!conversation || this.isIdle(conversation)) return undefined;
    conversation.lastSeen = this.now();
    const issued = this.issueToken(conversation);
    for (const old of conversation.tokens) {
      if (conversation.tokens.size <= MAX_TOKENS_PER_CONVERSATION) break;
      this.tokens.delete(old);
      conversation.tokens.delete(old);
    }
    return issued;
  }

  /** How many tokens are valid or waiting to be swept (for tests and the soak benchmark). */
  get tokenCount(): number {
    return this.tokens.size;
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
      const held = (this.perClient.get(conversation.client) ?? 1) - 1;
      if (held > 0) this.perClient.set(conversation.client, held);
      else this.perClient.delete(conversation.client);
    }
  }

  /** Answers every waiting poll now (at shutdown). */
  wakeAll(): void {
    for (const conversation of this.conversations.values()) {
      for (const wake of conversation.waiters) wake();
    }
  }

  /** Idle: no request for `idleMs`; never used (nothing posted): for `unusedMs`. */
  private isIdle(conversation: DirectLineConversation): boolean {
    const { idleMs, unusedMs } = this.limits;
    const allowed = conversation.posted ? idleMs : Math.min(idleMs, unusedMs);
    return this.now() - conversation.lastSeen >= allowed;
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
