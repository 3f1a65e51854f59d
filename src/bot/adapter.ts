/**
 * The CloudAdapter with Bot Framework authentication built from typed config. With no app id
 * the adapter accepts unauthenticated requests (Emulator, curl); with one, it demands a token.
 */
import { type BotAdapter, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Config } from '../config';
import { describeError, type Logger } from '../logger';

/** Any adapter's turn error: logged without user text, and an apology to the user. */
export function apologizeOnTurnError(adapter: BotAdapter, logger: Logger, apology: string): void {
  adapter.onTurnError = async function apologize(context, error) {
    logger.error('Turn failed', {
      ...describeError(error),
      channel: context.activity.channelId,
      activityType: context.activity.type,
    });
    try {
      await context.sendActivity({ type: 'message', text: apology, locale: 'ja-JP' });
    } catch (sendError) {
      logger.error('Could not send the apology', describeError(sendError));
    }
  };
}

export function createAdapter(bot: Config['bot'], logger: Logger, apology: string): CloudAdapter {
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId,
  });
  const adapter = new CloudAdapter(authentication);
  apologizeOnTurnError(adapter, logger, apology);
  return adapter;
}
