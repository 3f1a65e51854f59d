/**
 * Staff commands in Teams: 「一覧」 / list shows every FAQ topic, help / 「ヘルプ」 explains the bot.
 * Matched on the whole message after the mention is removed: width-folded (ｌｉｓｔ, ﾍﾙﾌﾟ),
 * case-insensitive, surrounding spaces and a closing 。 ! ? ignored.
 */
export type TeamsCommand = 'list' | 'help';

const COMMANDS: ReadonlyMap<string, TeamsCommand> = new Map([
  ['一覧', 'list'],
  ['list', 'list'],
  ['help', 'help'],
  ['ヘルプ', 'help'],
]);

export function matchCommand(text: string): TeamsCommand | undefined {
  const key = text
    .normalize('NFKC')
    .trim()
    .replace(/[。.!?]+$/u, '')
    .trim()
    .toLowerCase();
  return COMMANDS.get(key);
}
