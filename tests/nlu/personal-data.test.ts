import fc from 'fast-check';
import { containsCardNumber, maskCardNumbers, maskPersonalData } from '../../src/nlu';
import {
  after,
  before,
  LEAK,
  typedCardNumber,
  typedEmailAddress,
  typedPhoneNumber,
} from '../helpers/personal-data-arbitraries';

const RUNS = { numRuns: 500 };
/** Invisible characters next to a number may stay; they are not data. */
const visible = (text: string) => text.replace(/[\p{Cf}]/gu, '');

describe('masking personal data however it is typed (property-based)', () => {
  it('finds and masks every card number: any digits, separators, grouping and invisible characters', () => {
    fc.assert(
      fc.property(before, typedCardNumber, after, (head, { typed }, tail) => {
        const text = `${head}${typed}${tail}`;
        expect(containsCardNumber(text)).toBe(true);
        const masked = maskPersonalData(text);
        expect(visible(masked)).toBe(`${head}[カード番号]${tail}`);
        expect(maskCardNumbers(text)).toBe(masked);
      }),
      RUNS,
    );
  });

  it('masks every phone number, and never takes one for a card number', () => {
    fc.assert(
      fc.property(before, typedPhoneNumber, after, (head, typed, tail) => {
        const text = `${head}${typed}${tail}`;
        const masked = maskPersonalData(text);
        expect(visible(masked)).toBe(`${head}[電話番号]${tail}`);
        expect(masked).not.toMatch(LEAK);
        expect(containsCardNumber(text)).toBe(false);
      }),
      RUNS,
    );
  });

  it('masks every e-mail address: at and dot spelled out, full-width, spaced, any case', () => {
    fc.assert(
      fc.property(before, typedEmailAddress, after, (head, typed, tail) => {
        const masked = maskPersonalData(`${head}${typed}${tail}`);
        expect(masked).toBe(`${head}[メールアドレス]${tail}`);
      }),
      RUNS,
    );
  });

  it('leaves no card number behind in any text, and masking twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), typedCardNumber, (text, { typed }) => {
        for (const input of [text, `${text}${typed}`, `${typed} ${text}`]) {
          const masked = maskPersonalData(input);
          expect(containsCardNumber(masked)).toBe(false);
          expect(maskPersonalData(masked)).toBe(masked);
        }
      }),
      RUNS,
    );
  });
});

describe('what is not personal data stays as typed', () => {
  it.each([
    ['an amount', '3,000円を2回払いました'],
    ['a date and time', '2025/03/27 10:30に決済しました'],
    ['a Japanese date', '2025年3月27日'],
    ['an application number', '申込IDは 20250327 です'],
    ['a postal code', '〒100-0001'],
    ['3-D Secure words', '3Dセキュア2.0の登録'],
    ['twelve digits', '123456789012'],
    ['a card number failing the Luhn check', '4111 1111 1111 1112'],
    ['kanji in ordinary words', '三井住友カードで一度エラーが出ました'],
    ['a web address', 'https://www.example.co.jp/3ds'],
    ['an emoji sequence with a zero-width joiner', '👨‍👩‍👧 ありがとう'],
  ])('%s', (_name, text) => {
    expect(maskPersonalData(text)).toBe(text);
    expect(containsCardNumber(text)).toBe(false);
  });
});

describe('formats people were seen typing (issue 12)', () => {
  it.each([
    ['a card number with dots', '4111.1111.1111.1111', '[カード番号]'],
    ['a card number with commas', '4111,1111,1111,1111', '[カード番号]'],
    ['a card number with slashes', '4111/1111/1111/1111', '[カード番号]'],
    ['a card number with doubled spaces', '4111  1111  1111  1111', '[カード番号]'],
    ['a card number with zero-width spaces', '4111\u200B1111\u200B1111\u200B1111', '[カード番号]'],
    ['a card number with minus signs and en dashes', '4111−1111–1111—1111', '[カード番号]'],
    ['a card number in Arabic-Indic digits', '٤١١١ ١١١١ ١١١١ ١١١١', '[カード番号]'],
    ['a card number in Devanagari digits', '४१११-११११-११११-११११', '[カード番号]'],
    ['a card number as keycap emoji', '4️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣', '[カード番号]'],
    ['a phone number with dots', '090.1234.5678', '[電話番号]'],
    ['a phone number with minus signs', '090−1234−5678', '[電話番号]'],
    ['a phone number with en dashes', '090–1234–5678', '[電話番号]'],
    ['+81(0)', '+81(0)90-1234-5678', '[電話番号]'],
    ['a phone number in kanji numerals', '〇九〇-一二三四-五六七八', '[電話番号]'],
    ['two phone numbers side by side', '090 1234 5678、03-1234-5678', '[電話番号]、[電話番号]'],
    ['an e-mail address with spaces around the @', 'taro @ example.com', '[メールアドレス]'],
    ['an e-mail address with at and dot written out', 'taro at example dot com', '[メールアドレス]'],
    ['an e-mail address with アットマーク', 'taro アットマーク example.co.jp', '[メールアドレス]'],
    ['an e-mail address whose name is a phone number', '09012345678@docomo.ne.jp', '[メールアドレス]'],
    // The fewest digits and letters anything masked has: the searches may be skipped only below them.
    ['the shortest international phone number (8 digits)', '+1 234 5678', '[電話番号]'],
    ['an address of full-width letters with a two-letter domain', 'ｔａｒｏ＠ｅｘ．ｊｐ', '[メールアドレス]'],
  ])('masks %s', (_name, typed, masks) => {
    expect(maskPersonalData(`連絡先は${typed}です`)).toBe(`連絡先は${masks}です`);
  });
});
