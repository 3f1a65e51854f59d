import { createLogger } from '../src/logger';
import { maskPersonalData } from '../src/nlu/personal-data';

describe('logging', () => {
  it.each([
    ['a card number with spaces', '4111 1111 1111 1111', '[カード番号]'],
    ['a card number in full-width digits', '４１１１１１１１１１１１１１１１', '[カード番号]'],
    ['an e-mail address', 'taro.yamada@example.co.jp', '[メールアドレス]'],
    ['a mobile number', '090-1234-5678', '[電話番号]'],
    ['a landline in full-width digits', '０３－１２３４－５６７８', '[電話番号]'],
    ['an international number', '+81 90 1234 5678', '[電話番号]'],
  ])('masks %s', (_name, personal, mask) => {
    const masked = maskPersonalData(`連絡先 ${personal} です`);
    expect(masked).toContain(mask);
    expect(masked).not.toContain(personal);
  });

  it('writes masked JSON lines and respects the level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', (line) => lines.push(line));
    logger.info('not written');
    logger.error('failed for 4111-1111-1111-1111', { detail: 'mail me at a@b.jp' });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry.level).toBe('error');
    expect(lines[0]).not.toContain('4111');
    expect(lines[0]).not.toContain('a@b.jp');
  });
});
