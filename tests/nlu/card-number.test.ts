import { containsCardNumber, maskCardNumbers, passesLuhn } from '../../src/nlu';

describe('card number detection', () => {
  it.each([
    ['a Visa test number', '4111111111111111'],
    ['grouped by spaces', 'カード番号は 4111 1111 1111 1111 です'],
    ['grouped by hyphens', '5555-5555-5555-4444で払いました'],
    ['full-width digits', '４１１１　１１１１　１１１１　１１１１'],
    ['full-width hyphens and long-vowel marks', '４１１１－１１１１ー１１１１－１１１１'],
    ['a 15-digit Amex number', '3782 822463 10005'],
    ['followed by an expiry date', '4111 1111 1111 1111 12 27'],
    ['a 14-digit Diners number', '3056 9309 0259 04'],
    ['kanji numerals between katakana middle dots', 'カードは四一一一・一一一一・一一一一・一一一一です'],
    ['kanji numerals with long-vowel marks', '五五五五ー五五五五ー五五五五ー四四四四'],
    ['groups joined by the katakana double hyphen', '4111゠1111゠1111゠1111'],
  ])('finds %s', (_name, text) => {
    expect(containsCardNumber(text)).toBe(true);
  });

  it.each([
    ['a number failing the Luhn check', '4111 1111 1111 1112'],
    ['a short application number', '申込IDは 20250327 です'],
    ['a phone number', '03-1234-5678'],
    ['twelve digits', '123456789012'],
    ['a date', '2025年3月27日'],
  ])('ignores %s', (_name, text) => {
    expect(containsCardNumber(text)).toBe(false);
  });

  it('masks the number and keeps the rest of the message', () => {
    expect(maskCardNumbers('番号 4111-1111-1111-1111 で失敗')).toBe('番号 [カード番号] で失敗');
    expect(maskCardNumbers('4111111111111111で失敗', ' ')).toBe(' で失敗');
  });

  it('implements the Luhn check', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });
});
