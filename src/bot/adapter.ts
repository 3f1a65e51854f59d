/**
 * The CloudAdapter with Bot Framework authentication built from typed config. With no app id
 * the adapter accepts unauthenticated requests (Emulator, curl); with one, it demands a token.
 * The authentication is returned with it: the HTTP server checks the token itself, before the
 * turn, so that every failure gets the same answer.
 */
import {
  type Activity,
  type BotAdapter,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  type BotFrameworkAuthentication,
} from 'botframework-connector';
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

/** CloudAdapter, with its turn for an already authenticated request made public. */
export class BotFrameworkAdapter extends CloudAdapter {
  /** Runs the turn; the result is what the HTTP response carries (expectReplies, invoke). */
  runAuthenticated(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

export interface BotEndpoint {
  readonly adapter: BotFrameworkAdapter;
  readonly authentication: BotFrameworkAuthentication;
}

/** Where tokens' signing keys are published; tests point it at a stand-in (Azure cannot be reached). */
export interface IdentityMetadata {
  readonly openIdMetadataUrl?: string;
}

/**
 * The public cloud's settings with another metadata URL: setting any one of these makes botbuilder
 * take all of them from the configuration, so the rest are the public cloud's own.
 */
function publicCloudWithMetadata(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
  };
}

export function createAdapter(
  bot: Config['bot'],
  logger: Logger,
  apology: string,
  identity: IdentityMetadata = {},
): BotEndpoint {
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId,
    ...(identity.openIdMetadataUrl ? publicCloudWithMetadata(identity.openIdMetadataUrl) : {}),
  });
  const adapter = new BotFrameworkAdapter(authentication);
  apologizeOnTurnError(adapter, logger, apology);
  return { adapter, authentication };
}
