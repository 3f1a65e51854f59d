/**
 * A conversation with the real FaqBot (real engine, real renderers) through botbuilder's
 * in-process TestAdapter, seen as a user of one channel sees it: Web Chat's Markdown and
 * suggested actions, the LINE messages and quick replies the LINE bridge would send, or the
 * Teams Adaptive Cards (without the staff section). Buttons are pressed as each channel
 * presses them: Web Chat and LINE send the button's text; Teams sends a messageBack with the
 * button's data, or a drop-down's value with its submit button.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Activity, type Storage, TestAdapter } from 'botbuilder';
import type { AnalyticsEvent } from '../../src/analytics/analytics-event';
import { createJsonlAnalytics } from '../../src/analytics/jsonl-analytics';
import { FaqBot } from '../../src/bot/faq-bot';
import { LINE_CHANNEL, renderForLine } from '../../src/channels/line/line-render';
import { createTeamsChannel } from '../../src/channels/teams/teams-channel';
import { createLogger } from '../../src/logger';
import { type ConversationRecords, recordsInStorage } from '../../src/state/conversation-records';
import { shownText } from './line-message-view';
import { recordedEvents } from './analytics-file';
import { realEngine } from './engine';

export type ChannelName = 'webchat' | 'line' | 'msteams';
export const CHANNELS: readonly ChannelName[] = ['webchat', 'line', 'msteams'];

/** A button as the user sees it, and what pressing it posts. */
export interface SeenButton {
  readonly title: string;
  /** The text the press sends (Web Chat, LINE, a Teams messageBack); '' for a Teams drop-down's submit. */
  readonly sends: string;
  press(choice?: string): Partial<Activity>;
}

/** One bubble: Web Chat activity, LINE message or Teams card. */
export interface SeenMessage {
  readonly text: string;
  readonly buttons: readonly SeenButton[];
  /** Teams: the drop-down's choices (title → value), if the card has one. */
  readonly choices?: ReadonlyMap<string, string>;
  readonly raw: unknown;
}

export interface ChannelClient {
  say(text: string): Promise<SeenMessage[]>;
  /** Posts an activity as the channel would (a button pressed on an older bubble, say). */
  send(activity: Partial<Activity>): Promise<SeenMessage[]>;
  /** Presses the button with this title (or LINE label), or that sends this text, on the latest reply. */
  press(title: string): Promise<SeenMessage[]>;
  /** Picks a company from the list: Teams' drop-down, elsewhere typed as its name. */
  choose(title: string): Promise<SeenMessage[]>;
  recorded(): Promise<readonly AnalyticsEvent[]>;
  readonly logLines: readonly string[];
}

/** What a person reads on a card, in order (not the staff section). */
function textsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  if (record.type === 'Container' && record.style === 'emphasis') return []; // staff only
  if (record.type === 'TextBlock' && typeof record.text === 'string') return [record.text];
  // A link is a button that opens its page.
  if (record.type === 'Action.OpenUrl') return [`${String(record.title)} ${String(record.url)}`];
  return Object.entries(record).flatMap(([key, value]) => (key === 'data' ? [] : textsOf(value)));
}

type CardActionJson = {
  type: string;
  title: string;
  data?: Record<string, unknown> & { msteams?: { text: string } };
};

function actionsOf(node: unknown): CardActionJson[] {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  if (record.type === 'Container' && record.style === 'emphasis') return [];
  if (typeof record.type === 'string' && record.type.startsWith('Action.'))
    return [record as unknown as CardActionJson];
  return Object.values(record).flatMap(actionsOf);
}

function choicesOf(node: unknown): Map<string, string> | undefined {
  if (Array.isArray(node)) return node.map(choicesOf).find(Boolean);
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as { type?: string; choices?: { title: string; value: string }[] };
  if (record.type === 'Input.ChoiceSet') return new Map(record.choices?.map((c) => [c.title, c.value]));
  return Object.values(record).map(choicesOf).find(Boolean);
}

const message = (text: string): Partial<Activity> => ({ type: 'message', text });

function seen(channel: ChannelName, activities: Partial<Activity>[]): SeenMessage[] {
  if (channel === 'line') {
    return renderForLine(activities).map((line) => ({
      text: shownText(line),
      raw: line,
      buttons: (line.quickReply?.items ?? []).map((item) => {
        const action = item.action as { label: string; text: string };
        return { title: action.label, sends: action.text, press: () => message(action.text) };
      }),
    }));
  }
  if (channel === 'msteams') {
    return activities.map((activity) => {
      const card = activity.attachments?.[0]?.content as { body: unknown };
      const buttons = actionsOf(card.body)
        .filter((action) => action.type === 'Action.Submit')
        .map((action): SeenButton => {
          const sends = action.data?.msteams?.text ?? '';
          return {
            title: action.title,
            sends,
            press: (choice) => ({
              type: 'message',
              text: sends,
              value: choice === undefined ? action.data : { ...action.data, faqChoice: choice },
            }),
          };
        });
      return { text: textsOf(card.body).join('\n'), buttons, choices: choicesOf(card.body), raw: activity };
    });
  }
  return activities.map((activity) => ({
    text: activity.text ?? '',
    raw: activity,
    buttons: (activity.suggestedActions?.actions ?? []).map((action) => ({
      title: action.title ?? '',
      sends: String(action.value),
      press: () => message(String(action.value)),
    })),
  }));
}

let fileCount = 0;
const made: { dir: string; flush: () => Promise<void> }[] = [];
// The clients of one test file share this clean-up (jest runs a helper's afterAll with the file's):
// each writes what it still has waiting, then its folder goes.
afterAll(async () => {
  for (const { dir, flush } of made.splice(0)) {
    await flush();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A new conversation on `channel` with a bot of its own (its own storage unless one is given). */
export async function channelClient(
  channel: ChannelName,
  /** `group`: a group chat, where `userId` is one of its members. */
  options: {
    /** A shared store (Blob); `records`: conversations kept another way; neither: in this bot's memory. */
    storage?: Storage;
    records?: ConversationRecords;
    conversationId?: string;
    group?: boolean;
    userId?: string;
  } = {},
): Promise<ChannelClient> {
  const { engine, knowledgeBase } = await realEngine();
  const logLines: string[] = [];
  const logger = createLogger('info', (line) => logLines.push(line));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'channel-client-'));
  const file = path.join(dir, 'analytics.jsonl');
  fileCount += 1;
  const analytics = createJsonlAnalytics(file, logger);
  made.push({ dir, flush: () => analytics.flush() });
  const bot = new FaqBot({
    engine,
    knowledgeBase,
    analytics,
    logger,
    records: options.storage ? recordsInStorage(options.storage, { logger }) : options.records,
    channels: [createTeamsChannel(knowledgeBase), LINE_CHANNEL],
  });
  const conversation = {
    id: options.conversationId ?? `conversation-${fileCount}`,
    conversationType: options.group ? 'group' : 'personal',
    isGroup: options.group ?? false,
    name: '',
  };
  const adapter = new TestAdapter(
    (context) => bot.run(context),
    {
      channelId: channel,
      conversation,
      recipient: { id: 'bot', name: 'FAQ Bot' },
      ...(options.userId ? { from: { id: options.userId, name: options.userId } } : {}),
    } as Partial<Activity>,
    true,
  );
  let latest: SeenMessage[] = [];

  async function send(activity: Partial<Activity>): Promise<SeenMessage[]> {
    await adapter.receiveActivity(activity);
    latest = seen(channel, adapter.activityBuffer.splice(0));
    return latest;
  }

  function button(title: string): SeenButton {
    const found = [...latest]
      .reverse()
      .flatMap((bubble) => bubble.buttons)
      .find((candidate) => candidate.title === title || candidate.sends === title);
    if (!found) {
      const shown = latest.flatMap((bubble) => bubble.buttons.map((b) => b.title));
      throw new Error(`No button 「${title}」 on the latest reply (${shown.join(', ')})`);
    }
    return found;
  }

  return {
    logLines,
    say: (text) => send(message(text)),
    press: (title) => send(button(title).press()),
    async choose(title) {
      if (channel !== 'msteams') return send(message(title));
      const value = [...latest]
        .reverse()
        .find((bubble) => bubble.choices)
        ?.choices?.get(title);
      if (value === undefined) throw new Error(`No choice 「${title}」 in a drop-down on the latest card`);
      const submit = latest.flatMap((bubble) => bubble.buttons).find((b) => b.sends === '');
      if (!submit) throw new Error('No submit button beside the drop-down');
      return send(submit.press(value));
    },
    send,
    async recorded() {
      await analytics.flush();
      return recordedEvents(file);
    },
  };
}
