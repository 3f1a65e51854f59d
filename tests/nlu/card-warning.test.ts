import fc from 'fast-check';
import type { FaqEngine } from '../../src/nlu';
import { realEngine } from '../helpers/engine';
import { typedCardNumber } from '../helpers/personal-data-arbitraries';

let engine: FaqEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

describe('the card-number warning', () => {
  it('warns about a card number in any format, digits, separators or grouping', () => {
    fc.assert(
      fc.property(typedCardNumber, ({ typed }) => {
        const reply = engine.ask(`カード番号は${typed}です。コンビニ払いに変更できますか`);
        expect(reply.cardNumberWarning).toBe(true);
        expect(reply.text).toContain('カード番号はチャットに入力しないでください');
      }),
      { numRuns: 100 },
    );
  });
});
