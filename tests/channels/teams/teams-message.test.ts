import { readTeamsMessage } from '../../../src/channels/teams/teams-message';

const bot = { id: '28:bot', name: 'FAQ Bot' };
const mention = { type: 'mention', text: '<at>FAQ Bot</at>', mentioned: bot };
const message = (text: unknown, conversationType: string, entities: unknown[] = [], value?: unknown) => ({
  text: text as string,
  recipient: bot,
  conversation: { id: 'c', name: '', conversationType, isGroup: conversationType !== 'personal' },
  entities: entities as never[],
  value,
});

describe('reading a Teams message', () => {
  it.each([
    ['a mention first', '<at>FAQ Bot</at> 3Dセキュアとは', '3Dセキュアとは'],
    ['a mention last', '3Dセキュアとは <at>FAQ Bot</at>', '3Dセキュアとは'],
    ['a mention in the middle', '3Dセキュア<at>FAQ Bot</at>とは', '3Dセキュア とは'],
    ['a mention twice', '<at>FAQ Bot</at> 一覧 <at>FAQ Bot</at>', '一覧'],
    ['non-breaking spaces around it', '<at>FAQ Bot</at>&nbsp;help&nbsp;', 'help'],
    ['a colleague mentioned too', '<at>FAQ Bot</at> <at>鈴木</at>さんから質問です', 'さんから質問です'],
    ['only the mention', '<at>FAQ Bot</at>', ''],
  ])('removes the mention text: %s', (_name, text, question) => {
    expect(readTeamsMessage(message(text, 'channel', [mention]))).toEqual({
      addressed: true,
      text: question,
    });
  });

  it.each([
    ['channel', [], false],
    ['channel', [mention], true],
    ['groupChat', [], false],
    ['groupChat', [{ type: 'mention', text: '<at>鈴木</at>', mentioned: { id: '29:suzuki' } }], false],
    ['personal', [], true],
  ])('in a %s with mentions %j, answers: %s', (conversationType, entities, addressed) => {
    expect(readTeamsMessage(message('3Dセキュアとは', conversationType, entities)).addressed).toBe(addressed);
  });

  it('takes the question of a pressed button, which carries no mention', () => {
    const pressed = message('コンビニ払いに変更できますか', 'channel', [], {
      faqQuestion: 'コンビニ払いに変更できますか',
    });
    expect(readTeamsMessage(pressed)).toEqual({ addressed: true, text: 'コンビニ払いに変更できますか' });
  });

  it.each([
    ['no text (an image)', undefined],
    ['a number', 42],
  ])('reads %s as an empty question', (_name, text) => {
    expect(readTeamsMessage(message(text, 'personal'))).toEqual({ addressed: true, text: '' });
  });

  it('ignores malformed entities', () => {
    const entities = [null, { type: 'mention' }, { type: 'mention', mentioned: {} }, mention];
    expect(readTeamsMessage(message('<at>FAQ Bot</at> 一覧', 'channel', entities))).toEqual({
      addressed: true,
      text: '一覧',
    });
  });
});
