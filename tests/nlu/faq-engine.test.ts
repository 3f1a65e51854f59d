import fs from 'node:fs';
import path from 'node:path';
import {
  createFaqEngine,
  type FaqEngine,
  type KnowledgeBase,
  MAX_MESSAGE_LENGTH,
  projectRoot,
  type Tokenizer,
} from '../../src/nlu';
import { realEngine } from '../helpers/engine';

let engine: FaqEngine;
let knowledgeBase: KnowledgeBase;
let tokenizer: Tokenizer;
beforeAll(async () => {
  ({ engine, knowledgeBase, tokenizer } = await realEngine());
});

/** Written for this test; none of them is a training utterance (checked below). */
const QUESTIONS: [string, string][] = [
  ['3Dセキュア2.0ってそもそも何のためにあるんですか', 'about_3ds'],
  ['支払い画面でエラーが出て払えてないんだけど、どこからやり直せばいい？', 'payment_retry'],
  ['マイページ作成完了通知ってメールが見当たりません', 'mypage_login'],
  ['何回やっても決済エラーが解決しないときはどうしたら', 'payment_unresolved'],
  ['コンビニ払いにしたらあとでカード払いに戻せますか', 'convenience_store'],
  ['先月は普通に使えたクレカが今日はエラーで通らない', 'card_previously_worked'],
  ['3Dセキュアの設定のやり方を知りたいです', 'how_to_register'],
  ['自分のカードが本人認証に登録済みかどうか確認する方法は', 'registration_status'],
  ['ワンタイムパスワードってどこに送られてくるの', 'otp_delivery'],
  ['エラーの原因をそちらで調べてもらえませんか', 'error_cause'],
  ['各カード会社の3Dセキュアの案内ページの一覧がほしい', 'issuer_links'],
  ['おはようございます、はじめて使います', 'greeting'],
  ['丁寧にありがとうございました', 'thanks'],
  ['平素より大変お世話になっております。', 'greeting'],
  ['お世話になっております。総務課の田中と申します。', 'greeting'],
  ['恐れ入ります。', 'greeting'],
  ['ご対応に重ねて御礼申し上げます。敬具', 'thanks'],
  ['このチャットでは何を聞けますか', 'help'],
  ['明日の天気を教えて', 'none'],
  ['受験票を印刷するにはどうすればいいですか', 'none'],
  ['おすすめのラーメン屋は？', 'none'],
];

describe('understanding questions', () => {
  it('uses questions that are not in the training utterances', () => {
    const training = new Set([...knowledgeBase.utterances.values()].flat());
    expect(QUESTIONS.filter(([question]) => training.has(question))).toEqual([]);
  });

  it.each(QUESTIONS)('「%s」 → %s', (question, intent) => {
    expect(engine.ask(question).intent).toBe(intent);
  });

  it.each([
    ['hiragana only', 'わんたいむぱすわーどはどこにとどきますか', 'otp_delivery'],
    ['full-width', '３Ｄセキュアの登録方法を教えて', 'how_to_register'],
    ['half-width katakana', 'ｺﾝﾋﾞﾆ払いに変更したい', 'convenience_store'],
    ['keywords only', 'ワンタイムパスワード 届かない', 'otp_delivery'],
    ['a typo', 'コンビ二決裁に変えたい', 'convenience_store'],
  ])('understands %s: 「%s」', (_style, question, intent) => {
    expect(engine.ask(question).intent).toBe(intent);
  });

  it('answers every suggested button with the intent it names', () => {
    for (const answer of knowledgeBase.answers.values()) {
      if (!answer.question) continue;
      const reply = engine.ask(answer.question);
      expect({ question: answer.question, intent: reply.intent, kind: reply.kind }).toEqual({
        question: answer.question,
        intent: answer.intent,
        kind: 'answer',
      });
    }
  });

  it.each(['支払いできない', '払えない'])(
    'asks which was meant for a bare complaint in the FAQ’s own words instead of refusing it: 「%s」',
    (question) => {
      const reply = engine.ask(question);
      expect(reply.kind).toBe('clarify');
      expect(reply.suggestions.map((s) => s.intent)).toEqual(
        expect.arrayContaining(['payment_retry', 'payment_unresolved']),
      );
    },
  );

  it('offers both intents as choices when two of different sections are close', () => {
    const reply = engine.ask('3Dセキュアについて知りたい');
    expect(reply.kind).toBe('clarify');
    expect(reply.text).toContain('どちら');
    expect(reply.suggestions).toHaveLength(2);
    expect(new Set(reply.suggestions.map((s) => s.intent)).size).toBe(2);
  });

  it.each([
    ['romaji (Hepburn)', 'wantaimu pasuwaado wa doko ni todokimasu ka', 'otp_delivery'],
    ['romaji (Kunrei)', 'konbini barai ni henkou dekimasu ka', 'convenience_store'],
    ['half-width katakana', 'ｸﾚｶがｴﾗｰになる､前は使えたのに', 'card_previously_worked'],
    ['a wrong kanji conversion', '3Dセキュアの当録方法', 'how_to_register'],
    ['English', 'What is 3D Secure?', 'about_3ds'],
  ])('understands %s: 「%s」', (_style, question, intent) => {
    expect(engine.ask(question).intent).toBe(intent);
  });

  // Messages written wholly in English are read through data/english.json; words it does not
  // list are left out rather than counted against the FAQ.
  it.each([
    ['My payment was declined, where do I pay again?', 'payment_retry'],
    ['Is it possible to pay at a convenience store instead of by card?', 'convenience_store'],
    ['The one-time password never arrives. Where is it sent?', 'otp_delivery'],
    ['My card worked last month but now it fails. Why?', 'card_previously_worked'],
  ])('understands a question written in English: 「%s」 → %s', (question, intent) => {
    expect(engine.ask(question).intent).toBe(intent);
  });

  // English words inside a Japanese message are read through the same glossary; English function
  // words there are left out rather than counted as words the FAQ never uses.
  it('reads English words inside a Japanese message as the FAQ’s own words', () => {
    const words = engine.understand('paymentがfailedした、retryはどこで？').words;
    expect(words).toEqual(expect.arrayContaining(['支払', 'やり直す']));
    expect(engine.understand('3DSってis what exactly?').words).not.toContain('is');
    expect(engine.ask('conbiniでpayすることってできますか').intent).toBe('convenience_store');
  });

  it.each([
    'How can I get a refund for a double charge?',
    'I lost my credit card, how do I cancel it?',
    'Where is the exam venue?',
  ])('says it cannot answer an English question outside the FAQ: 「%s」', (question) => {
    expect(engine.ask(question).kind).toBe('outOfScope');
  });

  it.each([
    ['another service’s login', 'メルカリにログインできない'],
    ['another way to pay', 'PayPay残高で払えますか'],
    ['a refund', '二重に引き落とされたので返金してほしい'],
    ['a fee', 'コンビニ払いの手数料はいくらですか'],
    ['points', '楽天カードのポイントはいつ付きますか'],
    ['a scam', 'カード会社を名乗るSMSでワンタイムパスワードを聞かれた、詐欺？'],
    ['a card limit', '限度額を上げる方法を教えて'],
    ['a number the page does not give', 'ワンタイムパスワードの桁数は何桁になりますか'],
    ['how long a code lasts', 'SMSで来た認証コードは何分で無効になりますか'],
  ])('says it cannot answer a near miss about %s: 「%s」', (_name, question) => {
    const reply = engine.ask(question);
    expect({ question, kind: reply.kind }).toEqual({ question, kind: 'outOfScope' });
  });

  // A desk answers the main wish: a side remark or a second small question the page does not answer
  // does not turn an answerable question into 「お答えできません」 (asides.ts).
  it.each([
    [
      '3Dセキュアの登録ってどこでするんですか？ついでに聞きたいんですけど、試験会場の最寄り駅と駐車場の有無も教えてください',
      'how_to_register',
    ],
    [
      'ワンタイムパスワードはどこに届きますか？あと、受験票の郵送先の住所変更と顔写真の差し替えはどうすれば',
      'otp_delivery',
    ],
    [
      'カードがエラーで払えてないので、もう一度払う方法を教えてください。ちなみに合格発表っていつですか',
      'payment_retry',
    ],
    ['本人認証サービスって何ですか？それと、試験当日の持ち物と集合時間も知りたいです', 'about_3ds'],
    ['コンビニ払いに切り替えることはできますか？それと領収書はもらえますか', 'convenience_store'],
  ])('answers the main wish of 「%s」 (%s), not its aside', (question, intent) => {
    expect(engine.ask(question).intent).toBe(intent);
  });

  it('answers the main wish and says plainly that the aside is not answered here', () => {
    const reply = engine.ask(
      '3Dセキュアの登録ってどこでするんですか？ついでに聞きたいんですけど、試験会場の最寄り駅と駐車場の有無も教えてください',
    );
    expect(reply.intent).toBe('how_to_register');
    expect(reply.text).toContain(knowledgeBase.answers.get('how_to_register')!.text);
    expect(reply.text).toContain(knowledgeBase.replies.asideNotAnswered);
  });

  it.each([
    ['a remark', 'ワンタイムパスワードはどこに届きますか？ちなみにスマホはAndroidです'],
    [
      'an aside the page answers',
      'コンビニ払いに変更できますか？あと、一度コンビニにしたらカードに戻せますか',
    ],
    ['no aside', 'ワンタイムパスワードはどこに届きますか？'],
  ])('adds no such note after %s: 「%s」', (_kind, question) => {
    const reply = engine.ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.text).not.toContain(knowledgeBase.replies.asideNotAnswered);
  });

  it('says it cannot answer when the only question is the aside', () => {
    const question = '決済エラーの件は解決しました。ついでに伺いますが、試験会場はどこになりますか';
    expect(engine.ask(question).kind).toBe('outOfScope');
  });

  it('understands wording found only in the document’s answers', () => {
    const reply = engine.ask('カードの裏面に書いてある窓口に聞けばいいの？');
    expect([reply.intent, ...reply.alsoAnswers]).toContain('how_to_register');
  });
});

describe('answers', () => {
  const facts: [string, string, string[]][] = [
    ['about_3ds', '3Dセキュアとは？', ['パスワード', '端末情報', '義務化']],
    ['payment_retry', '決済エラーの後の支払い方法', ['マイページ', '支払い手続き']],
    [
      'mypage_login',
      'マイページ作成完了通知が届かない',
      ['申込ID', 'ログインパスワード', 'マイページ作成完了の画面'],
    ],
    [
      'payment_unresolved',
      '決済エラーが解決できない',
      ['別のクレジットカード', 'コンビニエンスストア決済', '支払期限'],
    ],
    ['convenience_store', 'コンビニ決済に変えたい', ['クレジットカード決済には変更できません']],
    [
      'card_previously_worked',
      '今まで使えたカードがエラーになる',
      ['何らかの理由で判断', '対応しているか', '登録', '不正検知システムによる利用制限'],
    ],
    ['how_to_register', '3Dセキュアの登録方法', ['クレジットカード会社によって異なります', '裏面']],
    ['registration_status', '3Dセキュアの登録状況を知りたい', ['クレジットカード会社でご確認']],
    ['otp_delivery', 'ワンタイムパスワードの受け取り方', ['SMS', '指紋', '顔', 'QRコード', '1度きり']],
    [
      'error_cause',
      'エラーの原因を教えて',
      ['エラーの原因', '当センター', 'お答えできません', 'クレジットカード会社'],
    ],
  ];

  it.each(facts)('%s carries the facts of the source', (intent, question, mustContain) => {
    const reply = engine.ask(question);
    expect(reply.intent).toBe(intent);
    for (const fact of mustContain) expect(reply.text).toContain(fact);
    expect(reply.section).not.toBe('');
    expect(reply.suggestions.length).toBeGreaterThan(0);
  });

  it('quotes sections and facts that are in the source document', () => {
    const source = fs.readFileSync(
      path.join(projectRoot(), 'data', 'source', 'faq-3dsecure-payment-errors.ja.txt'),
      'utf8',
    );
    const flat = (text: string) => text.normalize('NFKC').replace(/[\s「」]/g, '');
    for (const answer of knowledgeBase.answers.values()) {
      if (answer.section) expect(flat(source)).toContain(flat(answer.section));
    }
    for (const [, , mustContain] of facts) {
      for (const fact of mustContain)
        expect({ fact, inSource: flat(source).includes(flat(fact)) }).toEqual({ fact, inSource: true });
    }
  });

  it('asks which card company, instead of listing two dozen links, when the pages are asked for without one', () => {
    const reply = engine.ask('カード会社の3Dセキュアのページを教えてください');
    expect(reply.intent).toBe('issuer_links');
    expect(reply.links).toEqual([]);
    expect(reply.followUp).toEqual({ question: 'cardCompanyChoice', feedback: true });
  });

  it('introduces a named company’s page warmly, without 「お答えできません」', () => {
    const reply = engine.ask('楽天カード');
    expect(reply.text).toBe(
      '楽天カードの3Dセキュア（本人認証サービス）の登録手続きなどについては、次のページでご確認いただけます。',
    );
    expect(reply.text).not.toContain('お答えできません');
    expect(reply.links).toEqual([
      expect.objectContaining({ url: 'https://www.rakuten-card.co.jp/security/3d-secure/' }),
    ]);
  });

  it.each([
    ['ワンタイムパスワードはどこに届きますか', { question: 'cardCompanyOffer', feedback: true }],
    ['楽天カードのワンタイムパスワードはどこに届きますか', { question: null, feedback: true }],
    ['コンビニ払いに変更できますか', { question: null, feedback: true }],
    ['3Dセキュアについて知りたい', { question: 'clarify', feedback: false }],
    ['ありがとうございました', { question: null, feedback: false }],
    ['受験料の領収書は発行できますか', { question: null, feedback: false }],
  ])('says what may follow 「%s」', (question, followUp) => {
    expect(engine.ask(question).followUp).toEqual(followUp);
  });

  it('says plainly that the center cannot tell the cause and sends the user to the card company', () => {
    const reply = engine.ask('なんでエラーになったのか原因を教えてください');
    expect(reply.intent).toBe('error_cause');
    expect(reply.text).toMatch(/当センター.*お答えできません/s);
    expect(reply.text).toContain('クレジットカード会社にお問い合わせください');
  });

  it('says it cannot answer out-of-scope questions instead of guessing', () => {
    const reply = engine.ask('受験料の領収書は発行できますか');
    expect(reply.kind).toBe('outOfScope');
    expect(reply.intent).toBe('none');
    expect(reply.text).toContain('お答えできません');
    expect(reply.links).toEqual([]);
  });
});

describe('card companies', () => {
  it.each([
    ['楽天カードで3Dセキュアの登録をしたい', 'rakuten', 'https://www.rakuten-card.co.jp/security/3d-secure/'],
    [
      'SMBCのワンタイムパスワードが届かない',
      'smbc',
      'https://www.smbc-card.com/mem/service/sec/secure01.jsp',
    ],
    [
      'ニコスのカードがエラーになる',
      'nicos',
      'https://www.cr.mufg.jp/nicos/support/webs/3dsecure/index.html',
    ],
    ['アメックスの本人認証について', 'amex', 'https://www.americanexpress.com/jp/security/safekey.html'],
    [
      'マスターカードで払うと認証エラーになる',
      'mastercard',
      'https://www.mastercard.co.jp/ja-jp/personal/features-benefits/id-check/issuers.html',
    ],
    ['らくてんかーどのとうろくほうほう', 'rakuten', 'https://www.rakuten-card.co.jp/security/3d-secure/'],
    ['ＪＣＢの3Dセキュア', 'jcb', 'https://www.jcb.jp/variety/scene/online-shopping/'],
    ['au PAY カードの認証が失敗する', 'aupay', 'https://www.kddi-fs.com/function/certification/'],
  ])('「%s」 names %s and the answer links its page', (question, id, url) => {
    const reply = engine.ask(question);
    expect(reply.issuer?.id).toBe(id);
    expect(reply.links).toEqual([expect.objectContaining({ url })]);
    expect(reply.kind).not.toBe('clarify');
  });

  it('shows a brand with the name of its 3-D Secure programme', () => {
    const reply = engine.ask('VISAの3Dセキュアのページ');
    expect(reply.links).toEqual([
      {
        title: 'Visa「Visa Secure」',
        label: 'Visa',
        url: 'https://www.visa.co.jp/pay-with-visa/security/secure-online-shopping.html',
      },
    ]);
  });

  it('does not see a card company in everyday words or in products that share its name', () => {
    for (const question of [
      'ワンタイムパスワードが届かない',
      'authentication failed',
      'セブンイレブンで払いたい',
      '楽天銀行からの振込はできますか',
      'auでんきの支払いもエラーになる',
      'イオンで買い物したときは通ったのに',
    ]) {
      expect({ question, issuer: engine.ask(question).issuer }).toEqual({ question, issuer: null });
    }
  });

  it.each([
    [
      'ソフトバンクのスマホから申し込んだのですが、カード決済でエラーになりました。もう一度支払うにはどうすればいいですか',
      'payment_retry',
    ],
    ['楽天銀行から引き落としの楽天カードです。3Dセキュアの登録方法を教えてください', 'how_to_register'],
    ['ドコモの携帯で見ています。ワンタイムパスワードはどこに届きますか', 'otp_delivery'],
  ])(
    'answers 「%s」: a bank or phone company named as the setting does not make it another topic',
    (question, intent) => {
      const reply = engine.ask(question);
      expect(reply.kind).toBe('answer');
      expect(reply.intent).toBe(intent);
    },
  );

  it.each([
    '楽天銀行のログインパスワードを忘れました',
    'イオン銀行の口座から払えますか',
    '三井住友銀行のアプリの認証コードが来ない',
  ])('still cannot answer 「%s」, which asks about the bank itself', (question) => {
    expect(engine.ask(question).kind).toBe('outOfScope');
  });

  it.each([
    ['楽天カードゴールドで支払えません', '楽天カードで支払えません', 'rakuten'],
    ['楽天ゴールドカードで支払えません', '楽天カードで支払えません', 'rakuten'],
    ['JCBプラチナで認証できない', 'JCBで認証できない', 'jcb'],
    ['イオンカードセレクトが本人認証で失敗しました', 'イオンカードが本人認証で失敗しました', 'aeon'],
    ['dカード GOLDのワンタイムパスワードが届かない', 'dカードのワンタイムパスワードが届かない', 'dcard'],
  ])('reads the grade in 「%s」 as part of the card: answered as 「%s」', (graded, plain, company) => {
    const [withGrade, without] = [engine.ask(graded), engine.ask(plain)];
    expect(withGrade.kind).not.toBe('outOfScope');
    expect(withGrade.intent).toBe(without.intent);
    expect(withGrade.issuer?.id).toBe(company);
  });

  it('answers the real question and adds the named company’s page, without the company swaying the intent', () => {
    const reply = engine.ask('楽天カードのワンタイムパスワードはどこに届きますか');
    expect(reply.intent).toBe('otp_delivery');
    expect(reply.text).toContain('SMS');
    expect(reply.links).toEqual([
      expect.objectContaining({ url: 'https://www.rakuten-card.co.jp/security/3d-secure/' }),
    ]);
  });
});

describe('bad input', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t '],
    ['emoji only', '😀😭🙏'],
    ['symbols only', '？？？！！'],
  ])('answers %s input with the help message', (_name, text) => {
    const reply = engine.ask(text);
    expect(reply.kind).toBe('empty');
    expect(reply.text).toContain('このチャットでは');
  });

  it('asks to shorten a message over 2,000 characters without tokenizing it', () => {
    let calls = 0;
    const counting: Tokenizer = { tokenize: (text) => (calls++, tokenizer.tokenize(text)) };
    const countingEngine = createFaqEngine(counting, knowledgeBase);
    calls = 0;
    const reply = countingEngine.ask('あ'.repeat(MAX_MESSAGE_LENGTH + 1));
    expect(reply.kind).toBe('tooLong');
    expect(reply.text).toContain('2,000文字以内');
    expect(calls).toBe(0);
  });

  it('still answers a message of exactly 2,000 characters', () => {
    const question = 'ワンタイムパスワードが届かない。';
    const text = question.padEnd(MAX_MESSAGE_LENGTH, '　');
    expect(engine.ask(text).kind).not.toBe('tooLong');
  });

  it.each([
    ['spaces', 'カード番号 4111 1111 1111 1111 で決済できません', '4111'],
    ['full-width digits', '４１１１－１１１１－１１１１－１１１１が通らない', '４１１１'],
  ])('warns about a card number with %s and never echoes it', (_name, text, digits) => {
    const reply = engine.ask(text);
    expect(reply.cardNumberWarning).toBe(true);
    expect(reply.text).toContain('カード番号はチャットに入力しないでください');
    expect(JSON.stringify(reply)).not.toContain(digits);
  });

  it('still answers the question that came with a card number', () => {
    const reply = engine.ask('4111111111111111 のワンタイムパスワードが届きません');
    expect(reply.cardNumberWarning).toBe(true);
    expect(reply.intent).toBe('otp_delivery');
  });

  it('never throws on odd Unicode', () => {
    for (const text of [
      '\u0000\u0001',
      '\ud800',
      '𠮷'.repeat(50),
      '\u202eエラー',
      'ｶｰﾄﾞ\u3099',
      '🇯🇵'.repeat(100),
    ]) {
      expect(() => engine.ask(text)).not.toThrow();
    }
  });
});
