/**
 * Where a message's time goes inside the bot, without HTTP: the same questions through
 * botbuilder's TestAdapter, in-process, turn after turn, side by side:
 *
 * - the FAQ bot as it runs by default (dialogs, conversation state in memory);
 * - the same bot with its storage unreachable, so it answers each message on its own;
 * - the smallest botbuilder-dialogs bot: one reply, one prompt, the same kind of state;
 * - a bot that sends one reply and keeps no state.
 */
import {
  ActivityHandler,
  ConversationState,
  MemoryStorage,
  type Storage,
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
import type { LoadedEngine } from '../src/nlu';
import { benchMessage } from './load';

export interface TurnCosts {
  /** Median microseconds per message, by bot. */
  readonly faqBot: number;
  readonly faqBotWithoutState: number;
  readonly smallestDialogBot: number;
  readonly plainBot: number;
  readonly turnsPerRound: number;
}

/** A store that cannot be reached: the bot's degraded path. */
class UnreachableStorage implements Storage {
  async read(): Promise<never> {
    throw new Error('storage unreachable');
  }
  async write(): Promise<void> {}
  async delete(): Promise<void> {}
}

type Turn = (context: TurnContext) => Promise<void>;

function faqBotTurn({ engine, knowledgeBase }: LoadedEngine, storage: Storage): Turn {
  const analytics = { record() {}, async flush() {} };
  const bot = new FaqBot({ engine, knowledgeBase, analytics, logger: createLogger('silent'), storage });
  return (context) => bot.run(context);
}

/** One reply, then a prompt with one button; any answer starts over. */
function smallestDialogTurn(): Turn {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
  const prompt = new ChoicePrompt('prompt', async () => true);
  prompt.recognizerOptions = { recognizeNumbers: false, recognizeOrdinals: false }; // as the FAQ bot's
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

/** Microseconds per message over `count` messages, 50 conversations taking turns. */
async function timeTurns(adapter: TestAdapter, questions: readonly string[], count: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    await adapter.processActivity(benchMessage(questions[i % questions.length]!, i));
    adapter.activeQueue.splice(0); // the replies are not read
  }
  return Number(process.hrtime.bigint() - started) / 1e3 / count;
}

export async function measureTurnCosts(
  loaded: LoadedEngine,
  questions: readonly string[],
  median: (values: number[]) => number,
): Promise<TurnCosts> {
  const turnsPerRound = 3000;
  const adapters = {
    faqBot: new TestAdapter(faqBotTurn(loaded, new MemoryStorage())),
    faqBotWithoutState: new TestAdapter(faqBotTurn(loaded, new UnreachableStorage())),
    smallestDialogBot: new TestAdapter(smallestDialogTurn()),
    plainBot: new TestAdapter(plainTurn()),
  };
  const names = Object.keys(adapters) as (keyof typeof adapters)[];
  for (const name of names) await timeTurns(adapters[name], questions, turnsPerRound);
  const times: Record<keyof typeof adapters, number[]> = {
    faqBot: [],
    faqBotWithoutState: [],
    smallestDialogBot: [],
    plainBot: [],
  };
  for (let round = 0; round < 7; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of order) times[name].push(await timeTurns(adapters[name], questions, turnsPerRound));
  }
  return {
    faqBot: median(times.faqBot),
    faqBotWithoutState: median(times.faqBotWithoutState),
    smallestDialogBot: median(times.smallestDialogBot),
    plainBot: median(times.plainBot),
    turnsPerRound,
  };
}
