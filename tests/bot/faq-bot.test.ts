import { type Activity, ActivityTypes, TestAdapter } from 'botbuilder';
import { FaqBot } from '../../src/bot/faq-bot';
import { realEngine } from '../helpers/engine';

let adapter: TestAdapter;
beforeAll(async () => {
  const { engine } = await realEngine();
  const bot = new FaqBot(engine);
  adapter = new TestAdapter((context) => bot.run(context), undefined, true);
});

const buttons = (activity: Partial<Activity>) =>
  activity.suggestedActions?.actions.map((action) => action.value) ?? [];

describe('the FAQ bot', () => {
  it('welcomes a new member with topic buttons', async () => {
    await adapter
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user', name: 'User1' }] })
      .assertReply((activity) => {
        expect(activity.text).toContain('ご質問にお答えします');
        expect(buttons(activity).length).toBeGreaterThanOrEqual(3);
      });
  });

  it('does not welcome itself when the bot joins', async () => {
    await adapter
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'bot', name: 'Bot' }] })
      .assertNoReply('no reply', 200);
  });

  it('answers a question with the canned answer and next-question buttons', async () => {
    await adapter.send('ワンタイムパスワードはどこに届きますか').assertReply((activity) => {
      expect(activity.text).toContain('SMS');
      expect(activity.textFormat).toBe('markdown');
      expect(activity.locale).toBe('ja-JP');
      expect(buttons(activity)).toContain('今まで使えていたカードがエラーになるのはなぜですか');
    });
  });

  it('answers a pressed button with that topic', async () => {
    await adapter.send('今まで使えていたカードがエラーになるのはなぜですか').assertReply((activity) => {
      expect(activity.text).toContain('不正検知システム');
    });
  });

  it('links the card company a user names', async () => {
    await adapter.send('三井住友カードの3Dセキュア登録方法は？').assertReply((activity) => {
      expect(activity.text).toContain(
        '[三井住友カード](https://www.smbc-card.com/mem/service/sec/secure01.jsp)',
      );
    });
  });

  it('answers out-of-scope questions politely without guessing', async () => {
    await adapter.send('今日のランチのおすすめは？').assertReply((activity) => {
      expect(activity.text).toContain('お答えできません');
    });
  });

  it('answers a message without text (an image) with the help message', async () => {
    await adapter
      .send({
        type: ActivityTypes.Message,
        attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/a.png' }],
      })
      .assertReply((activity) => {
        expect(activity.text).toContain('次のようなご質問にお答えします');
      });
  });

  it('warns about a card number and never repeats it', async () => {
    await adapter.send('5555 5555 5555 4444 が使えません').assertReply((activity) => {
      expect(activity.text).toContain('カード番号はチャットに入力しないでください');
      expect(JSON.stringify(activity)).not.toContain('5555');
    });
  });

  it('ignores typing and other non-message activities', async () => {
    await adapter.send({ type: ActivityTypes.Typing }).assertNoReply('no reply', 200);
    await adapter.send({ type: ActivityTypes.Event, name: 'unknown/event' }).assertNoReply('no reply', 200);
  });
});
