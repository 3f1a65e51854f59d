import { loadKnowledgeBase } from '../../src/nlu';
import { createCardCompanyFinder } from '../../src/nlu/card-companies';
import { normalize } from '../../src/nlu/normalize';

const knowledgeBase = loadKnowledgeBase();
const find = createCardCompanyFinder(
  knowledgeBase.cardCompanies,
  knowledgeBase.cardCompanyContext,
  normalize,
);
const companiesIn = (text: string, expectingCompany = false) =>
  find(normalize(text), { expectingCompany }).map((mention) => mention.company.id);

describe('the card company a message names', () => {
  it.each([
    ['楽天カードで3Dセキュアの登録をしたい', 'rakuten'],
    ['らくてん の かーどで はらえません', 'rakuten'],
    ['ﾗｸﾃﾝｶｰﾄﾞのワンタイムパスワード', 'rakuten'],
    ['楽天ではじかれて支払いまだ', 'rakuten'],
    ['三井住友VISAで認証失敗', 'smbc'],
    ['みつい すみとも の かーどがいしゃ', 'smbc'],
    ['アメックスの本人認証について', 'amex'],
    ['ますたーかーど の あいでぃーちぇっく', 'mastercard'],
    ['マスターの本人認証のページはどこですか', 'mastercard'],
    ['JCB J/Secure 登録', 'jcb'],
    ['visa secure って何', 'visa'],
    ['ドコモのカードがエラーになる', 'dcard'],
    ['PayPayカードで払いたい', 'paypay'],
    ['au PAY カードの認証が失敗する', 'aupay'],
    ['エポスネットのパスワード', 'epos'],
    ['ＵＣカードの登録状況', 'uccard'],
    ['Is there a link to the Rakuten Card 3D secure page?', 'rakuten'],
    ['昨日まで使えてたらくてんカードが通らない', 'rakuten'],
    ['エポスアプリで本人認証するやり方', 'epos'],
    ['びゅうカードなんですが、前は通ってたのに認証に失敗します', 'viewcard'],
    ['楽天カードアプリに認証の通知が来ない', 'rakuten'],
  ])('「%s」 names %s', (text, id) => {
    expect(companiesIn(text)[0]).toBe(id);
  });

  it.each([
    ['a bank that shares the name', '楽天銀行から振り込みたい'],
    ['a market that shares the name', '楽天市場で買い物するときも3Dセキュア？'],
    ['a wallet balance', 'PayPay残高で払えますか'],
    ['a wallet app', 'PayPayアプリで払えますか'],
    ['a shop app', '楽天アプリのクーポンが使えない'],
    ['a wallet as a way to pay', 'PayPayで払いたいです、クレジットカードがエラーなので'],
    ['a phone bill', 'auでんきの支払いをカードにしたい'],
    ['a phone company with a space before the product', 'えーゆー でんき の しはらい'],
    ['carrier billing', 'ドコモ払いはできますか'],
    ['a shop', 'イオンで買い物したときは普通に通ったのに'],
    ['a shop, with a card word later', 'イオンのお店でもきのうカード使えなかった'],
    [
      'a building, with a way to pay later',
      'イオンに入っているコンビニで支払うことはできますか。カード決済から切り替えたい',
    ],
    ['a convenience store', 'セブンイレブンで払いたい'],
    ['a debit card of a brand', 'Visaデビットでも払えますか'],
    ['a gift card of a brand', 'JCBギフトカードって使えますか'],
    ['a railway ticket', 'JR東日本のきっぷを予約したら決済エラーになった'],
    ['carrier billing beside a credit card', 'ソフトバンクまとめて支払いは使ってない、普通のクレカです'],
    ['an online supermarket', 'イオンのネットスーパーで本人認証が通らないです'],
    ['a railway booking site', 'JR東日本のえきねっとで切符買うときの本人認証がうまくいかない'],
    ['a store gift voucher', '三越の商品券で払えますか'],
    [
      'a phone company’s text messages',
      'ドコモのSMSは普通に届いてるんだけど、カードのワンタイムパスワードってSMSで来るもの？',
    ],
    ['years with a phone company', 'ドコモ歴長いけど3Dセキュアって初めて聞いた。なにそれ？'],
    [
      'a phone company’s spam filter',
      'ワンタイムパスワードのSMSが届かないのはソフトバンクの迷惑メッセージブロックのせい？',
    ],
    ['a phone company’s line', '3Dセキュアって、ドコモの回線の認証とかじゃなくてカード会社側の話ですよね？'],
    ['a phone number', 'ワンタイムパスワードのSMSが来ない。auの番号変えたからかも'],
    ['a phone', 'auの電話でワンタイムパスワードが受け取れない'],
    ['a phone bill', 'auの料金明細にSMS代って入ってますか'],
    ['a shop inside a mall', 'イオンの中のミニストップで払えたら楽なので、コンビニ支払いに変更したいです'],
    ['a word that contains a name', 'オリコンのランキング'],
    ['hiragana that contains a name', 'ございますため、本人認証サービスについて'],
    ['a shared name with no card or payment around it', '楽天のポイントはいつ付く？'],
    ['everyday words', 'ワンタイムパスワードが届かない'],
  ])('is not taken from %s: 「%s」', (_name, text) => {
    expect(companiesIn(text)).toEqual([]);
  });

  it('takes a wallet or phone name alone as the company only when it answers the bot’s question about it', () => {
    for (const [text, id] of [
      ['ペイペイです', 'paypay'],
      ['au', 'aupay'],
      ['ドコモ。', 'dcard'],
    ] as const) {
      expect(companiesIn(text)).toEqual([]);
      expect(companiesIn(text, true)).toEqual([id]);
    }
  });

  it.each([
    ['楽天', 'rakuten'],
    ['楽天です。', 'rakuten'],
    ['「イオン」', 'aeon'],
    ['三井住友？', 'smbc'],
    ['マルイだけど', 'epos'],
  ])('takes a shared name given alone as the card company: 「%s」 names %s', (text, id) => {
    expect(companiesIn(text)).toEqual([id]);
  });

  it.each([
    ['楽天銀行から引き落としの楽天カード', ['楽天']],
    ['ソフトバンクのスマホで見ています', ['ソフトバンク']],
    ['楽天モバイルの回線です', ['楽天']],
    ['三菱UFJ銀行の口座', ['三菱ufj']],
    ['楽天カードが使えない', []],
    ['PayPay残高で払いたい', []],
    ['セブンイレブンで払える？', []],
  ])('reads 「%s」 as naming its setting %j (a bank, a phone line), not a card', (text, names) => {
    const normalized = normalize(text);
    const spans = find.names(normalized).settings;
    expect(spans.map(({ start, end }) => normalized.slice(start, end))).toEqual(names);
    expect(companiesIn(text)).toEqual(text.includes('楽天カード') ? ['rakuten'] : []);
  });

  it('tells a brand’s 3-D Secure programme from the brand', () => {
    const [mention] = find(normalize('J/Secureの登録'));
    expect(mention).toMatchObject({ company: expect.objectContaining({ id: 'jcb' }), service: true });
    expect(find(normalize('JCBの登録'))[0]?.service).toBe(false);
  });
});
