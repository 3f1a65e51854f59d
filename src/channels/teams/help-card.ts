/**
 * help / 「ヘルプ」, and the introduction when the bot is installed: how to use the bot in Teams.
 */
import { type AdaptiveCard, adaptiveCard, buttonList, heading, textBlock } from './adaptive-card';
import { askAction } from './ask-action';

export function helpCard(botName: string): AdaptiveCard {
  const intro =
    'クレジットカードの決済エラーと本人認証サービス（3Dセキュア 2.0）についてのご質問に、ヘルプページの回答でお答えします。';
  const usage = [
    '- 個人チャットでは、ご質問をそのまま入力してください。',
    `- チャネルやグループチャットでは、@${botName} とメンションしてからご質問ください。メンションのないメッセージには応答しません。`,
    '- 「一覧」または list と送ると、FAQの項目をすべてボタンで表示します。',
    '- help または「ヘルプ」と送ると、この説明を表示します。',
  ];
  const staffNote =
    '回答の下の「スタッフ向け情報」に、判定した意図、確信度、回答の出典（ヘルプページの見出し）を表示します。' +
    '確信度が低いときやFAQの範囲外のときは、近い候補をボタンで表示しますので、回答前にご確認ください。';
  const cardNumberNote = '安全のため、カード番号はチャットに入力しないでください。';
  return adaptiveCard(
    [
      heading('このボットの使い方'),
      textBlock(`${intro}\n\n${usage.join('\n')}`),
      textBlock(staffNote, { spacing: 'Medium' }),
      textBlock(cardNumberNote, { color: 'Attention', spacing: 'Medium' }),
      ...buttonList([askAction('FAQの項目一覧を表示', '一覧')]),
    ],
    [intro, ...usage, staffNote, cardNumberNote].join('\n'),
  );
}
