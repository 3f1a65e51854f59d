/**
 * What lets a bubble take up its conversation again after a page load, and nobody else: with
 * each conversation the token endpoint hands out a key, an HMAC of the conversation id, and
 * resumes a conversation only for the key that goes with it. The bubble keeps both in the
 * tab's sessionStorage. The HMAC key is derived from the Direct Line secret in Azure mode (so
 * every instance behind a load balancer accepts the others' keys) and random per process in
 * local mode (whose conversations live in the process anyway).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export class ResumeKeys {
  private readonly hmacKey: Buffer;

  /** With no secret (local mode), a random key for this process. */
  constructor(secret: string) {
    this.hmacKey = secret
      ? createHmac('sha256', secret).update('faq-bubble resume keys v1').digest()
      : randomBytes(32);
  }

  keyFor(conversationId: string): string {
    return createHmac('sha256', this.hmacKey).update(conversationId).digest('base64url');
  }

  matches(conversationId: string, key: string): boolean {
    const expected = Buffer.from(this.keyFor(conversationId));
    const given = Buffer.from(key);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
