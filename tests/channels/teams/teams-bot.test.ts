import { type RunningApp, startApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { FAQ_INTENTS, type KnowledgeBase, loadKnowledgeBase, loadTokenizer } from '../../../src/nlu';
import { adaptiveCardProblems } from '../../helpers/adaptive-card';
import {
  actionsOf,
  BOT,
  type CardReply,
  cardsOf,
  type ConversationType,
  factsOf,
  MENTION,
  mentionEntity,
  postToBot,
  STAFF,
  teamsMembersAdded,
  teamsMessage,
  textsOf,
} from './teams-activity';

/** Teams refuses bot messages over ~28 KB (counted as UTF-16); stay well under it. */
const TEAMS_MESSAGE_BUDGET = 28 * 1024;

let app: RunningApp;
let knowledgeBase: KnowledgeBase;
beforeAll(async () => {
  knowledgeBase = loadKnowledgeBase();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  app = await startApp(config, createLogger('silent'), loadTokenizer());
  await app.ready;
});
afterAll(() => app.close());

const answerOf = (intent: string) => {
  const answer = knowledgeBase.answers.get(intent as never);
  if (!answer) throw new Error(`no answer for ${intent}`);
  return answer;
};

/** Posts the activity and returns its cards, each checked against the Adaptive Card 1.5 object model and Teams' size limit. */
async function cards(body: Record<string, unknown>): Promise<CardReply[]> {
  const { status, activities } = await postToBot(app, body);
  expect(status).toBe(200);
  const replies = cardsOf(activities);
  for (const { activity, card } of replies) {
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    expect(JSON.stringify(activity).length * 2).toBeLessThan(TEAMS_MESSAGE_BUDGET);
  }
  return replies;
}

async function oneCard(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const replies = await cards(body);
  expect(replies).toHaveLength(1);
  return replies[0].card;
}

const askedQuestions = (card: unknown) =>
  actionsOf(card)
    .filter((action) => action.type === 'Action.Submit')
    .map((action) => action.data?.msteams?.text);

describe('a question in a Teams channel', () => {
  it('answers a mention with a card: the answer, the intent, the confidence and the source section', async () => {
    const card = await oneCard(teamsMessage('ワンタイムパスワードはどこに届きますか'));
    const otp = answerOf('otp_delivery');
    expect(textsOf(card)).toContain(otp.title);
    expect(textsOf(card).join('\n')).toContain('SMS');
    const facts = factsOf(card);
    expect(facts['意図']).toBe('otp_delivery');
    expect(facts['確信度']).toMatch(/^\d{1,3}%$/);
    expect(facts['出典']).toBe(otp.section);
    expect(askedQuestions(card)).toContain(answerOf('card_previously_worked').question);
  });

  it('adds a button to the page of the card company the question names', async () => {
    const card = await oneCard(teamsMessage('楽天カードのワンタイムパスワードはどこに届きますか'));
    const rakuten = knowledgeBase.cardCompanies.find((company) => company.name === '楽天カード');
    expect(actionsOf(card)).toContainEqual({
      type: 'Action.OpenUrl',
      title: '楽天カード',
      url: rakuten?.url,
    });
    expect(factsOf(card)['カード会社']).toBe('楽天カード');
  });

  it('does not answer a channel message that does not mention the bot', async () => {
    const { status, activities } = await postToBot(
      app,
      teamsMessage('ワンタイムパスワードはどこに届きますか', { mention: false }),
    );
    expect(status).toBe(200);
    expect(activities).toEqual([]);
  });

  it('does not answer a message that mentions someone else', async () => {
    const colleague = { id: '29:another-staff-member', name: '鈴木' };
    const body = teamsMessage(`<at>鈴木</at> ワンタイムパスワードはどこに届きますか`, {
      mention: false,
      entities: [{ type: 'mention', text: '<at>鈴木</at>', mentioned: colleague }],
    });
    expect((await postToBot(app, body)).activities).toEqual([]);
  });

  it('understands the question wherever the mention stands', async () => {
    const card = await oneCard(
      teamsMessage(`ワンタイムパスワードは&nbsp;${MENTION}&nbsp;どこに届きますか`, {
        mention: false,
        entities: [mentionEntity],
      }),
    );
    expect(factsOf(card)['意図']).toBe('otp_delivery');
  });

  it('answers a pressed card button, which Teams sends without a mention', async () => {
    const question = answerOf('convenience_store').question;
    const card = await oneCard(
      teamsMessage(question, {
        mention: false,
        value: { faqQuestion: question },
        replyToId: '1733000000000',
      }),
    );
    expect(factsOf(card)['意図']).toBe('convenience_store');
  });
});

describe.each<[ConversationType, boolean]>([
  ['groupChat', true],
  ['personal', false],
])('a question in a %s', (conversationType, needsMention) => {
  it(`answers ${needsMention ? 'only with a mention' : 'without a mention'}`, async () => {
    const withMention = await cards(
      teamsMessage('3Dセキュアとは何ですか', { conversationType, mention: true }),
    );
    expect(factsOf(withMention[0].card)['意図']).toBe('about_3ds');
    const withoutMention = await postToBot(
      app,
      teamsMessage('3Dセキュアとは何ですか', { conversationType, mention: false }),
    );
    expect(withoutMention.activities).toHaveLength(needsMention ? 0 : 1);
  });
});

describe('answers staff need to check', () => {
  it('says plainly that an out-of-scope question cannot be answered, and shows the nearest topics', async () => {
    const card = await oneCard(teamsMessage('パスワードを忘れた'));
    const texts = textsOf(card).join('\n');
    expect(texts).toContain('お答えできません');
    expect(factsOf(card)['判定']).toContain('範囲外');
    expect(factsOf(card)['意図']).toContain('none');
    expect(askedQuestions(card)).toContain(answerOf('otp_delivery').question);
  });

  it('offers both close topics and 「どれでもない」 as buttons when it needs to ask which one was meant', async () => {
    const card = await oneCard(teamsMessage('3Dセキュアについて知りたい'));
    expect(factsOf(card)['判定']).toContain('確認');
    expect(askedQuestions(card)).toEqual(
      expect.arrayContaining([
        answerOf('about_3ds').question,
        answerOf('issuer_links').question,
        'どれでもない',
      ]),
    );
  });

  it('asks which card company with a drop-down of every company, within the size Teams accepts', async () => {
    const card = await oneCard(teamsMessage('カード会社の3Dセキュアのページを教えてください'));
    const texts = textsOf(card).join('\n');
    for (const company of knowledgeBase.cardCompanies) expect(texts).toContain(company.name);
    expect(texts).toContain('令和7年3月27日現在');
    expect(actionsOf(card).map((action) => action.title)).toEqual(
      expect.arrayContaining(['ページを表示', 'わからない', '不要です']),
    );
  });

  it('warns about a card number and never puts it in the card', async () => {
    const { activities } = await postToBot(app, teamsMessage('4111 1111 1111 1111 が使えません'));
    expect(textsOf(cardsOf(activities)[0].card).join('\n')).toContain(
      'カード番号はチャットに入力しないでください',
    );
    expect(JSON.stringify(activities)).not.toContain('4111');
  });
});

describe('staff commands', () => {
  it.each(['一覧', 'list', 'ＬＩＳＴ', ' List ', '一覧。'])(
    'shows every FAQ topic as a button that asks it for %j',
    async (command) => {
      const card = await oneCard(teamsMessage(command));
      const questions = askedQuestions(card);
      for (const intent of FAQ_INTENTS) expect(questions).toContain(answerOf(intent).question);
      expect(questions).toHaveLength(FAQ_INTENTS.length);
      for (const action of actionsOf(card)) {
        expect(action.data?.msteams).toEqual({
          type: 'messageBack',
          text: expect.any(String),
          displayText: expect.any(String),
        });
      }
    },
  );

  it.each(['help', 'HELP', 'ヘルプ', 'ﾍﾙﾌﾟ', ''])(
    'explains how to use the bot in Teams for %j',
    async (command) => {
      const card = await oneCard(teamsMessage(command));
      const texts = textsOf(card).join('\n');
      expect(texts).toContain(`@${BOT.name}`);
      expect(texts).toContain('一覧');
      expect(askedQuestions(card)).toContain('一覧');
    },
  );

  it('treats a command inside a sentence as a question', async () => {
    const card = await oneCard(teamsMessage('一覧の見方を教えて'));
    expect(factsOf(card)['判定']).toBeDefined();
  });
});

describe('installing the bot', () => {
  it('introduces itself when added to a team, and stays quiet when others join', async () => {
    const added = await cards(teamsMembersAdded([BOT], 'channel'));
    expect(textsOf(added[0].card).join('\n')).toContain('メンション');
    const othersJoin = await postToBot(app, teamsMembersAdded([{ id: '29:new-member' }], 'channel'));
    expect(othersJoin.activities).toEqual([]);
  });

  it.each([
    ['the staff member', [{ id: STAFF.id }]],
    ['the bot', [BOT]],
  ])(
    'introduces itself when installed for personal use and Teams reports %s as added',
    async (_who, members) => {
      const replies = await cards(teamsMembersAdded(members, 'personal'));
      expect(replies).toHaveLength(1);
      expect(textsOf(replies[0].card).join('\n')).toContain('個人チャット');
    },
  );
});
