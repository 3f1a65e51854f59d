import { loadKnowledgeBase } from '../../src/nlu';
import type { CardCompanyMention } from '../../src/nlu/card-companies';
import { decide, type Understood } from '../../src/nlu/decide';
import { familyOf } from '../../src/nlu/knowledge-base';
import type { IntentId } from '../../src/nlu/types';

const knowledgeBase = loadKnowledgeBase();
const rakuten = knowledgeBase.cardCompanies.find((company) => company.id === 'rakuten')!;
const mention: CardCompanyMention = { company: rakuten, start: 0, end: 5, service: false };
const SCOPE = { threshold: 0.6 };
const OPTIONS = { closeRatio: 0.5, shortMessageFloor: 0.2 };

function understood(
  intents: [IntentId, number][],
  inScope: number,
  extra: Partial<Understood> = {},
): Understood {
  return {
    intents: intents.map(([intent, confidence]) => ({ intent, confidence })),
    inScope,
    mentions: [],
    words: ['ワンタイムパスワード', '届く', 'スマホ'],
    unseenWords: 0,
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
      'a short message of the FAQ’s own words a little below the threshold: ask which was meant',
      understood(
        [
          ['payment_retry', 0.4],
          ['payment_unresolved', 0.3],
        ],
        0.35,
        { words: ['支払', 'できる'] },
      ),
      undefined,
      { kind: 'clarify', intent: 'payment_retry' },
    ],
    [
      'a short message with a word the FAQ never uses below the threshold: cannot answer',
      understood(
        [
          ['payment_retry', 0.4],
          ['payment_unresolved', 0.3],
        ],
        0.35,
        { words: ['paypay', '払える'], unseenWords: 1 },
      ),
      undefined,
      { kind: 'outOfScope', intent: 'none' },
    ],
    [
      'a short message of the FAQ’s own words far below the threshold: cannot answer',
      understood(
        [
          ['otp_delivery', 0.5],
          ['mypage_login', 0.2],
        ],
        0.05,
        { words: ['パスワード', '忘れる'] },
      ),
      undefined,
      { kind: 'outOfScope', intent: 'none' },
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
      { ...OPTIONS, closeRatio: 1 },
      family,
    );
    expect(decision).toMatchObject({ kind: 'answer' });
    expect('confidence' in decision && decision.confidence).toBeCloseTo(0.9 * (0.6 + 0.3));
  });
});
