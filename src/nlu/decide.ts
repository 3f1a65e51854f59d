/**
 * What the bot does with an understood message, as one pure rule:
 *
 * 1. a button's own question (exact text) → that button's answer; a message of nothing but
 *    pleasantries (「お世話になります。」, 拝啓…) → the greeting or the thanks (pleasantries.ts);
 * 2. nothing but a card company's name (「楽天カード」, 「JCBです」) → that company's page;
 * 3. P(in scope) below the scope threshold → 「お答えできません」; except that a short message made
 *    only of words the FAQ uses (「払えない」, 「支払いできない」), not far below the threshold, has
 *    too little in it to judge its scope and nothing about anything else: ask which of the two
 *    best intents was meant (asking is not guessing; the choices include 「どれでもない」);
 * 4. the two best intents close, not of one answer family, and not "the company's page" with a
 *    company named (its page comes with any answer) → ask which one was meant;
 * 5. otherwise → the best intent's answer (an answer family's reply carries its members' facts).
 *
 * A named card company is a slot: its page is added to whatever the answer is.
 */
import type { CardCompanyMention } from './card-companies';
import type { Decision } from './compose-reply';
import type { ScopeModel } from './scope';
import type { IntentId, IntentScore } from './types';

export interface DecisionOptions {
  /** A runner-up at least this share of the best intent's probability makes the two "close". */
  readonly closeRatio: number;
  /** A short message of the FAQ's own words is asked about, not refused, from this P(in scope) up. */
  readonly shortMessageFloor: number;
}

export interface Understood {
  readonly intents: readonly IntentScore[];
  readonly inScope: number;
  readonly mentions: readonly CardCompanyMention[];
  readonly words: readonly string[];
  /** How many of its content words neither the in-scope questions nor the document use. */
  readonly unseenWords: number;
}

/** At most this many content words is a short message. */
const SHORT_MESSAGE_WORDS = 2;

/** What a card company's name is read as (analyzer.ts), so a message of nothing else names only the company. */
const NAME_ONLY_WORDS = new Set(['カード']);

export function decide(
  understood: Understood,
  exactIntent: IntentId | undefined,
  scope: Pick<ScopeModel, 'threshold'>,
  options: DecisionOptions,
  familyOf: (intent: IntentId) => string | undefined = () => undefined,
): Decision {
  const issuer = understood.mentions[0]?.company ?? null;
  const candidates = understood.intents;
  const [best, runnerUp] = candidates;
  if (exactIntent) return { kind: 'answer', intent: exactIntent, confidence: 1, issuer, candidates };
  if (issuer && understood.words.every((word) => NAME_ONLY_WORDS.has(word))) {
    return { kind: 'answer', intent: 'issuer_links', confidence: understood.inScope, issuer, candidates };
  }
  if (best && runnerUp && understood.inScope < scope.threshold) {
    const shortAndFamiliar =
      understood.words.length > 0 &&
      understood.words.length <= SHORT_MESSAGE_WORDS &&
      understood.unseenWords === 0;
    if (shortAndFamiliar && understood.inScope >= options.shortMessageFloor) {
      return { kind: 'clarify', intent: best.intent, confidence: understood.inScope, issuer, candidates };
    }
  }
  if (!best || understood.inScope < scope.threshold) {
    return { kind: 'outOfScope', intent: 'none', confidence: 1 - understood.inScope, issuer, candidates };
  }
  const sameFamily =
    runnerUp !== undefined &&
    familyOf(best.intent) !== undefined &&
    familyOf(best.intent) === familyOf(runnerUp.intent);
  // With a company named, its page comes with any answer: no need to ask whether the page was meant.
  const pageAnyway = issuer !== null && [best.intent, runnerUp?.intent].includes('issuer_links');
  if (runnerUp && !sameFamily && !pageAnyway && runnerUp.confidence >= best.confidence * options.closeRatio) {
    return { kind: 'clarify', intent: best.intent, confidence: best.confidence, issuer, candidates };
  }
  // The reply is right when the message is in scope and asks this intent or one of its family.
  const family = familyOf(best.intent);
  const intentProbability = candidates
    .filter((c) => c.intent === best.intent || (family !== undefined && familyOf(c.intent) === family))
    .reduce((sum, c) => sum + c.confidence, 0);
  return {
    kind: 'answer',
    intent: best.intent,
    confidence: understood.inScope * intentProbability,
    issuer,
    candidates,
  };
}
