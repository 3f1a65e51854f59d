import { normalize } from '../../src/nlu/normalize';
import { onlyPleasantries } from '../../src/nlu/pleasantries';

describe('a message of nothing but pleasantries', () => {
  it.each([
    ['お世話になります。', 'greeting'],
    ['いつも大変お世話になっております。', 'greeting'],
    ['拝啓　時下ますますご清祥のこととお慶び申し上げます。', 'greeting'],
    ['夜分に失礼いたします。どうぞよろしくお願い申し上げます。', 'greeting'],
    ['お世話になっております。経理部の佐藤と申します。', 'greeting'],
    ['もしもし？聞こえてますか？', 'greeting'],
    ['ご担当者様\n\nいつもお世話になっております。', 'greeting'],
    ['申込サポートセンター御中　お世話になります。', 'greeting'],
    ['よろしく おねがい いたします', 'greeting'],
    ['すみません、ちょっといいですか', 'greeting'],
    ['重ねて御礼申し上げます。敬具', 'thanks'],
    ['どうもありがとうございました！', 'thanks'],
    ['大変お世話になりました。', 'thanks'],
  ])('「%s」 is %s', (message, expected) => {
    expect(onlyPleasantries(normalize(message))).toBe(expected);
  });

  it.each([
    'お世話になります。ワンタイムパスワードが届きません。',
    '拝啓　先月使えたカードが今月は使えません。敬具',
    'よろしくお願いします。コンビニ払いにできますか',
    'ありがとうございます、でもまだ払えません',
    '失礼します、マイページに入れません',
    'ご担当者様　決済エラーの原因を教えてください。',
    '。。。',
    '',
  ])('「%s」 is left to the classifiers', (message) => {
    expect(onlyPleasantries(normalize(message))).toBeUndefined();
  });
});
