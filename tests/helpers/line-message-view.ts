/**
 * A LINE message as a person sees it in the chat: a text message's text; a Flex bubble's texts
 * in order, then each button as its label and the page it opens. Also the buttons alone.
 */

/** A LINE message, as the renderer makes it or as the stand-in for LINE receives it. */
export interface ViewedMessage {
  readonly type: string;
  readonly text?: string;
  readonly contents?: unknown;
}

export interface PageButton {
  readonly label: string;
  readonly uri: string;
}

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) return node.forEach((child) => walk(child, visit));
  if (typeof node !== 'object' || node === null) return;
  visit(node as Node);
  for (const [key, value] of Object.entries(node)) if (key !== 'quickReply') walk(value, visit);
}

/** The texts of a Flex message's components, in order. */
export function flexTexts(message: ViewedMessage): string[] {
  const texts: string[] = [];
  if (message.type === 'flex')
    walk(message.contents, (node) => {
      if (node.type === 'text' && typeof node.text === 'string') texts.push(node.text);
    });
  return texts;
}

/** The buttons of a Flex message that open a page. */
export function pageButtons(message: ViewedMessage): PageButton[] {
  const buttons: PageButton[] = [];
  if (message.type === 'flex')
    walk(message.contents, (node) => {
      const action = node.action as { type?: string; label?: string; uri?: string } | undefined;
      if (node.type === 'button' && action?.type === 'uri')
        buttons.push({ label: action.label ?? '', uri: action.uri ?? '' });
    });
  return buttons;
}

export function shownText(message: ViewedMessage): string {
  if (message.type === 'text') return message.text ?? '';
  if (message.type !== 'flex') return '';
  const buttons = pageButtons(message).map((button) => `${button.label} ${button.uri}`);
  return [...flexTexts(message), ...buttons].join('\n');
}
