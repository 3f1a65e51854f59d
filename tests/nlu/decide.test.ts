import { loadKnowledgeBase } from '../../src/nlu';
import type { CardCompanyMention } from '../../src/nlu/card-companies';
import { decide, type Understood } from '../../src/nlu/decide';
import { familyOf } from '../../src/nlu/knowledge-base';
import type { IntentId } from '../../src/nlu/types';

const knowledgeBase = loadKnowledgeBase();
const rakuten = knowledgeBase.cardCompanies.find((company) => company.id === 'rakuten')!;
const mention: CardCompanyMention = { company: rakuten, start: 0, end: 5, service: false };
const SCOPE = { threshold: 0.6 };
const OPTIONS = { closeRatio: 0.5 };

function understood(
  intents: [IntentId, number][],
  inScope: number,
  extra: Partial<Understood> = {},
): Understood {
  return {
    intents: intents.map(([intent, confidence]) => ({ intent, confidence })),
    inScope,
    mentions: [],
    words: ['ワンタイムパスワード', '届く'],
    ...extra,
  };
}

const family = (intent: IntentId) => familyOf(knowledgeBase, intent);

describe('the decision rule', () => {
  it.each<[string, Understood, IntentId | undefined, { kind: string; intent: IntentId }]>([
    [
      'a confident in-scope question is answered',
      understood(
        [
          ['otp_delivery', 0.9],
          ['about_3ds', 0.05],
        ],
        0.95,
      ),
      undefined,
      { kind: 'answer', intent: 'otp_delivery' },
    ],
    [
      'below the scope threshold it cannot answer, however sure the intent',
      understood([['otp_delivery', 0.99]], 0.4),
      undefined,
      { kind: 'outOfScope', intent: 'none' },
    ],
    [
      'two close intents of different sections: ask which',
      understood(
        [
          ['otp_delivery', 0.5],
          ['about_3ds', 0.4],
        ],
        0.9,
      ),
      undefined,
      { kind: 'clarify', intent: 'otp_delivery' },
    ],
    [
      'two close intents of one answer family: answer, the reply carries both',
      understood(
        [
          ['how_to_register', 0.5],
          ['registration_status', 0.45],
        ],
        0.9,
      ),
      undefined,
      { kind: 'answer', intent: 'how_to_register' },
    ],
    [
      'a button’s own question is answered as that button, whatever the scores',
      understood([['about_3ds', 0.9]], 0.1),
      'payment_retry',
      { kind: 'answer', intent: 'payment_retry' },
    ],
    [
      'a card company’s name alone gets its page',
      understood([['about_3ds', 0.3]], 0.2, { mentions: [mention], words: ['カード'] }),
      undefined,
      { kind: 'answer', intent: 'issuer_links' },
    ],
  ])('%s', (_name, input, exact, expected) => {
    expect(decide(input, exact, SCOPE, OPTIONS, family)).toMatchObject(expected);
  });

  it('adds the named company to whatever the answer is', () => {
    const decision = decide(
      understood([['otp_delivery', 0.95]], 0.9, {
        mentions: [mention],
        words: ['カード', 'ワンタイムパスワード'],
      }),
      undefined,
      SCOPE,
      OPTIONS,
      family,
    );
    expect(decision).toMatchObject({ kind: 'answer', intent: 'otp_delivery', issuer: { id: 'rakuten' } });
  });

  it('states the chance that the answer is right: in scope, and this intent or one of its family', () => {
    const decision = decide(
      understood(
        [
          ['how_to_register', 0.6],
          ['registration_status', 0.3],
          ['about_3ds', 0.1],
        ],
        0.9,
      ),
      undefined,
      SCOPE,
      { closeRatio: 1 },
      family,
    );
    expect(decision).toMatchObject({ kind: 'answer' });
    expect('confidence' in decision && decision.confidence).toBeCloseTo(0.9 * (0.6 + 0.3));
  });
});
