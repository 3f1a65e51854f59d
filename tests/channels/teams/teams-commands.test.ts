import { matchCommand } from '../../../src/channels/teams/teams-commands';

describe('staff commands in Teams', () => {
  it.each([
    ['一覧', 'list'],
    ['list', 'list'],
    ['LIST', 'list'],
    ['ｌｉｓｔ', 'list'],
    [' 一覧。 ', 'list'],
    ['help', 'help'],
    ['Help!', 'help'],
    ['ＨＥＬＰ', 'help'],
    ['ヘルプ', 'help'],
    ['ﾍﾙﾌﾟ', 'help'],
    ['ヘルプ？', 'help'],
  ])('reads %j as %s', (text, command) => {
    expect(matchCommand(text)).toBe(command);
  });

  it.each(['一覧を見せて', 'listen', 'help me', 'ワンタイムパスワードはどこに届きますか', ''])(
    'leaves %j to the FAQ engine',
    (text) => {
      expect(matchCommand(text)).toBeUndefined();
    },
  );
});
