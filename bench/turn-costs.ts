/**
 * Where a message's time goes inside the bot, without HTTP: the same messages through
 * botbuilder's TestAdapter, in-process, turn after turn, side by side:
 *
 * - the FAQ bot as it runs by default (follow-ups on, conversations in bounded memory), in
 *   conversations of 10 messages and with a new conversation per message;
 * - the same bot with its storage unreachable, so it answers each message on its own;
 * - the engine's reply alone (engine.ask, no Bot Framework at all);
 * - the smallest botbuilder-dialogs bot: one reply and a one-button prompt, its state in
 *   ConversationState over MemoryStorage, as the FAQ bot's dialogs kept it before;
 * - a bot that sends one reply and keeps no state.
 */
import {
  ActivityHandler,
  type Activity,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  type TurnContext,
} from 'botbuilder';
import {
  ChoicePrompt,
  type DialogState,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
} from 'botbuilder-dialogs';
import { FaqBot } from '../src/bot/faq-bot';
import { createLogger } from '../src/logger';
import type { ConversationRecords } from '../src/state/conversation-records';
import type { LoadedEngine } from '../src/nlu';
import { freshConversations, type MessageAt, tenMessageConversations } from './conversation-script';
import { section, type Section } from './report-file';
import { log, measuredOn, median, us } from './stats';

export const TURNS_HEADING = '## Where a message’s time goes (in process, no HTTP)';

/** A store that cannot be reached: the bot's degraded path. */
const UNREACHABLE: ConversationRecords = {
  conflicts: 0,
  async read(): Promise<never> {
    throw new Error('storage unreachable');
  },
  async save() {
    return 'unchanged';
  },
  async state() {
    return 'unreachable';
  },
};

type Turn = (context: TurnContext) => Promise<void>;

function faqBotTurn({ engine, knowledgeBase }: LoadedEngine, records?: ConversationRecords): Turn {
  const analytics = { record() {}, async flush() {} };
  const bot = new FaqBot({ engine, knowledgeBase, analytics, logger: createLogger('silent'), records });
  return (context) => bot.run(context);
}

/** One reply, then a prompt with one button; any answer starts over. */
function smallestDialogTurn(): Turn {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
  const prompt = new ChoicePrompt('prompt', async () => true);
  prompt.recognizerOptions = { recognizeNumbers: false, recognizeOrdinals: false };
  dialogs.add(prompt);
  dialogs.add(
    new WaterfallDialog('question', [
      async (step) => {
        await step.context.sendActivity('回答です。');
        return step.prompt('prompt', { prompt: 'この回答は役に立ちましたか？', choices: ['はい'] });
      },
      async (step) => step.replaceDialog('question'),
    ]),
  );
  return async (context) => {
    await state.load(context);
    const dialogContext = await dialogs.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog('question');
    await state.saveChanges(context);
  };
}

function plainTurn(): Turn {
  const bot = new ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity('回答です。');
    await next();
  });
  return (context) => bot.run(context);
}

interface Runner {
  readonly label: string;
  /** Runs messages from … from + count - 1 and returns µs per message. */
  run(from: number, count: number): Promise<number>;
}

function adapterRunner(label: string, turn: Turn, messages: MessageAt): Runner {
  const adapter = new TestAdapter(turn);
  return {
    label,
    async run(from, count) {
      const started = process.hrtime.bigint();
      for (let i = from; i < from + count; i++) {
        await adapter.processActivity(messages(i) as Partial<Activity>);
        adapter.activeQueue.splice(0); // the replies are not read
      }
      return Number(process.hrtime.bigint() - started) / 1e3 / count;
    },
  };
}

export async function measureTurnCosts(loaded: LoadedEngine, questions: readonly string[]): Promise<Section> {
  log('time per message inside the bot…');
  const turnsPerRound = 3000;
  const ten = tenMessageConversations(questions);
  const fresh = freshConversations(questions);
  const runners: Runner[] = [
    adapterRunner(
      'the FAQ bot as it runs by default, in conversations of 10 messages',
      faqBotTurn(loaded),
      ten,
    ),
    adapterRunner(
      'the FAQ bot as it runs by default, a new conversation per message',
      faqBotTurn(loaded),
      fresh,
    ),
    adapterRunner(
      'the FAQ bot with its storage unreachable (each message answered on its own)',
      faqBotTurn(loaded, UNREACHABLE),
      ten,
    ),
    {
      label:
        'the engine’s reply alone (`engine.ask`, no Bot Framework; its answer cache on, as in the bots above)',
      async run(from, count) {
        const started = process.hrtime.bigint();
        for (let i = from; i < from + count; i++) loaded.engine.ask(String(ten(i).text));
        return Number(process.hrtime.bigint() - started) / 1e3 / count;
      },
    },
    adapterRunner(
      'the smallest botbuilder-dialogs bot (one reply and a one-button prompt, ConversationState)',
      smallestDialogTurn(),
      ten,
    ),
    adapterRunner('a bot that sends one reply and keeps no state', plainTurn(), ten),
  ];
  const times = runners.map(() => [] as number[]);
  let from = 0;
  for (const runner of runners) await runner.run(from, turnsPerRound);
  from += turnsPerRound;
  for (let round = 0; round < 7; round++) {
    for (let k = 0; k < runners.length; k++) {
      const index = (k + round) % runners.length;
      times[index]!.push(await runners[index]!.run(from, turnsPerRound));
    }
    from += turnsPerRound;
  }
  const perMessage = times.map(median);
  const [faqTen, faqFresh, alone, engine, dialogs, plain] = perMessage as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const rows = runners.map((runner, i) => `| ${runner.label} | ${us(perMessage[i]!)} |`);
  const body = `${measuredOn()}
The same ${questions.length} dev-set questions, and the replies people give to the bot's questions, through
botbuilder's \`TestAdapter\`, the bots side by side: medians of 7 rounds of ${turnsPerRound} messages each, after one
warm-up round, rotating which goes first (\`bench/turn-costs.ts\`). The conversations of 10 messages are 4 questions
and 6 replies to the bot (「はい」, 「楽天」, 「はい」, 「1」, 「いいえ」, 「ありがとうございました」), 50 under way at once.

| bot | per message |
|---|---|
${rows.join('\n')}

The conversation (reading the message against the open question, the follow-up, the one record read and,
when it changed, written, the rendering) costs ${us(faqTen - engine)} a message over the engine's reply alone in
conversations of 10 messages, ${us(faqFresh - engine)} with a new conversation per message; answering on its own
(no storage) costs ${us(alone - engine)} over the engine. Keeping even the smallest botbuilder-dialogs state between
messages costs ${us(dialogs - plain)} over a bot without state: more than the whole conversation here.
`;
  return section(TURNS_HEADING, body, {
    turnFaqTenUs: faqTen,
    turnFaqFreshUs: faqFresh,
    turnEngineUs: engine,
    turnDialogsUs: dialogs,
    turnPlainUs: plain,
  });
}
