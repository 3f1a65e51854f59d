import { withoutAsides } from '../../src/nlu/asides';
import { normalize } from '../../src/nlu/normalize';

const wish = (text: string) => withoutAsides(normalize(text));

describe('the main wish: a message without its marked asides', () => {
  it.each([
    [
      'エラーが解決しないときってどうすればいいんですか？ついでに聞きたいんですが、デビットカードは使えますか',
      'エラーが解決しないときってどうすればいいんですか?',
    ],
    [
      'コンビニ決済にしたあとで、やっぱりカードに戻すことってできますか？あとコンビニの手数料っていくらかかりますか',
      'コンビニ決済にしたあとで、やっぱりカードに戻すことってできますか?',
    ],
    [
      '3Dセキュアの登録状況ってこのサイトで確認できる？ちなみにこのサイト、文字小さくて読みにくいです',
      '3dセキュアの登録状況ってこのサイトで確認できる?',
    ],
    [
      'ワンタイムパスワードってどこに届くんですか？それと、海外にいても受け取れますか',
      'ワンタイムパスワードってどこに届くんですか?',
    ],
    // Only the aside whose removal leaves a question: here the それと sentence is the question.
    [
      '完了メール届いてないけど、IDはメモしました。それとパスワードでマイページ入れますか？ちなみにdカードです',
      '完了メール届いてないけど、idはメモしました。それとパスワードでマイページ入れますか?',
    ],
  ])('「%s」 is read as 「%s」', (text, expected) => {
    expect(wish(text)).toBe(expected);
  });

  it.each([
    // The ついでに sentence is the only question: it is the main wish.
    '決済エラーの件はなんとかなりそうです。ついでに伺いたいのですが、受験票はいつ届きますか。',
    // それとも (or) and あとから (later) do not open an aside.
    'ワンタイムパスワードはSMSで来るの？それとも指紋とか？',
    '支払いだけ済んでいません。あとから払えますか？',
    // A message that opens with ついでに has nothing before it to be the main wish.
    'ついでに聞きたいんですけど、3Dセキュア対応のおすすめのカードってありますか？',
    'カードで払えませんでした。なぜですか？',
  ])('「%s」 is read whole', (text) => {
    expect(wish(text)).toBe(normalize(text));
  });
});
