import { ActivityHandler } from 'botbuilder';
import { activityFromEvent } from '../../../src/channels/line/line-activity';
import { LineAdapter } from '../../../src/channels/line/line-adapter';
import { createLogger } from '../../../src/logger';
import { BOT_USER_ID, textEvent, USER_ID } from './line-webhook-client';

const APOLOGY = '申し訳ありません。システムで問題が発生しました。';

describe('the LINE adapter', () => {
  it('collects everything the bot sends in a turn, in order', async () => {
    const bot = new ActivityHandler().onMessage(async (context, next) => {
      await context.sendActivity(`一: ${context.activity.text}`);
      await context.sendActivities([{ type: 'message', text: '二' }, { type: 'typing' }]);
      await next();
    });
    const adapter = new LineAdapter(createLogger('silent'), APOLOGY);
    const activity = activityFromEvent(textEvent('こんにちは'), BOT_USER_ID)!;
    const sent = await adapter.runTurn(activity, (context) => bot.run(context));
    expect(sent.map((a) => [a.type, a.text])).toEqual([
      ['message', '一: こんにちは'],
      ['message', '二'],
      ['typing', undefined],
    ]);
    expect(sent[0]).toMatchObject({
      channelId: 'line',
      conversation: { id: USER_ID },
      recipient: { id: USER_ID },
    });
  });

  it('answers with the apology and logs the failure when the bot throws', async () => {
    const bot = new ActivityHandler().onMessage(async () => {
      throw new Error('broken for 4111 1111 1111 1111');
    });
    const lines: string[] = [];
    const adapter = new LineAdapter(
      createLogger('error', (line) => lines.push(line)),
      APOLOGY,
    );
    const activity = activityFromEvent(textEvent('こんにちは'), BOT_USER_ID)!;
    const sent = await adapter.runTurn(activity, (context) => bot.run(context));
    expect(sent.map((a) => a.text)).toEqual([APOLOGY]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ message: 'Turn failed', channel: 'line' });
    expect(lines.join('')).not.toContain('4111');
  });

  it('refuses to edit or delete a message, which LINE cannot do', async () => {
    const adapter = new LineAdapter(createLogger('silent'), APOLOGY);
    await expect(adapter.updateActivity()).rejects.toThrow('LineAdapter.updateActivity');
    await expect(adapter.deleteActivity()).rejects.toThrow('LineAdapter.deleteActivity');
  });
});
