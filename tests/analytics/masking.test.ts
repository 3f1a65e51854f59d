import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { questionEvent } from '../../src/analytics/events';
import { createJsonlAnalytics } from '../../src/analytics/jsonl-analytics';
import { createLogger } from '../../src/logger';
import { containsCardNumber, type FaqEngine } from '../../src/nlu';
import { realEngine } from '../helpers/engine';

/** Personal data as applicants really type it, and the mask the report shows instead. */
const vectors: [kind: string, typed: string, mask: string][] = [
  ['Visa test card with spaces', '4111 1111 1111 1111', '[カード番号]'],
  ['Mastercard with hyphens', '5555-5555-5555-4444', '[カード番号]'],
  ['JCB with ideographic spaces', '3530　1113　3330　0000', '[カード番号]'],
  ['Visa in full-width digits', '４１１１１１１１１１１１１１１１', '[カード番号]'],
  ['Amex in full-width digits with full-width hyphens', '３７８２－８２２４６３－１０００５', '[カード番号]'],
  ['Diners (14 digits) with an expiry date after it', '3056 9309 0259 04 12/27', '[カード番号]'],
  ['e-mail address', 'taro.yamada@example.co.jp', '[メールアドレス]'],
  ['e-mail address with a plus tag', 'hanako+apply@mail.example.com', '[メールアドレス]'],
  ['full-width e-mail address', 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ', '[メールアドレス]'],
  ['mobile number with hyphens', '090-1234-5678', '[電話番号]'],
  ['mobile number without separators', '08012345678', '[電話番号]'],
  ['Tokyo landline with brackets', '03(1234)5678', '[電話番号]'],
  ['toll-free number', '0120-123-456', '[電話番号]'],
  ['IP phone', '050-1234-5678', '[電話番号]'],
  ['mobile number in full-width digits', '０９０－１２３４－５６７８', '[電話番号]'],
  ['international format', '+81 90-1234-5678', '[電話番号]'],
];

let engine: FaqEngine;
let written = 0;
let dir: string;
beforeAll(async () => {
  ({ engine } = await realEngine());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masking-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The digits or letters that identify the person, whatever their width. */
const identifying = (typed: string) => typed.normalize('NFKC').replace(/[^0-9a-z]/gi, '');

describe('analytics masking of unanswered questions', () => {
  it.each(vectors)('masks a %s in the recorded wording', async (_kind, typed, mask) => {
    const text = `領収書の宛名を変えたいです。連絡先は ${typed} です`;
    const file = path.join(dir, `${(written += 1)}.jsonl`);
    const analytics = createJsonlAnalytics(file, createLogger('silent'));
    analytics.record(questionEvent('line', text, engine.ask(text)));
    await analytics.flush();

    const line = fs.readFileSync(file, 'utf8');
    const event = JSON.parse(line) as { outcome: string; text: string };
    expect(event.outcome).toBe('fallback');
    expect(event.text).toContain(mask);
    expect(event.text).toContain('領収書の宛名を変えたいです');
    expect(line.normalize('NFKC').replace(/[^0-9a-z]/gi, '')).not.toContain(identifying(typed));
  });

  it('keeps the first 200 characters of a long wording, never half an emoji', () => {
    const text = `領収書がほしい${'🙏'.repeat(300)}`;
    const event = questionEvent('webchat', text, engine.ask(text));
    expect(event.event === 'question' && event.outcome).toBe('fallback');
    const recorded = (event as { text?: string }).text ?? '';
    expect([...recorded]).toHaveLength(200);
    expect(recorded).toBe(`領収書がほしい${'🙏'.repeat(193)}`);
    expect(recorded).not.toMatch(/[\uD800-\uDFFF]/u);
  });

  it('uses Luhn-valid card numbers, so the card vectors are real-looking', () => {
    for (const [kind, typed, mask] of vectors) {
      if (mask === '[カード番号]')
        expect({ kind, found: containsCardNumber(typed) }).toEqual({ kind, found: true });
    }
  });
});
