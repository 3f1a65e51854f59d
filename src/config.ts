/**
 * The only reader of process.env. Settings are parsed, validated, typed and frozen;
 * a bad setting stops the process at start with a message naming the setting.
 */
import fs from 'node:fs';
import { DEFAULT_ANALYTICS_FILE } from './analytics/analytics-event';

export type MicrosoftAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Config {
  readonly port: number;
  /** Where to listen: loopback in local mode (no MicrosoftAppId) unless HOST says otherwise. */
  readonly host: string;
  /** Whether HOST was set (not the default). */
  readonly hostSet: boolean;
  readonly logLevel: LogLevel;
  /**
   * How many proxies in front of the bot add X-Forwarded-For (App Service: 1); 0 believes only
   * the connection's own address.
   */
  readonly trustProxy: number;
  /** How long shutdown waits for replies still on their way (LINE) before the process exits. */
  readonly shutdownTimeoutMs: number;
  /** How many replies the engine remembers by message text; 0 turns the cache off. */
  readonly answerCacheSize: number;
  /** The chat bubble: local Direct Line by default, Azure Direct Line when a secret is set. */
  readonly webChat: WebChatSettings;
  /** Bot Framework identity; an empty appId runs the bot unauthenticated for local use. */
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    readonly appType: MicrosoftAppType;
    readonly appTenantId: string;
    /** Without an app id: origins besides loopback replies may be posted to (`*`: any). */
    readonly unauthenticatedServiceUrls: readonly string[];
  };
  /** The LINE channel; undefined (and /api/line answers 404) unless both secrets are set. */
  readonly line: LineSettings | undefined;
  /** Where conversation state (open dialogs) is kept. */
  readonly storage: StorageSettings;
  readonly analytics: AnalyticsSettings;
}

/** In memory (one process), or one Azure Blob container shared by every instance. */
export type StorageSettings =
  | { readonly kind: 'memory' }
  | {
      readonly kind: 'blob';
      readonly connectionString: string;
      readonly container: string;
      /** How long one storage call may take before the turn is answered without its state. */
      readonly timeoutMs: number;
    };

export interface AnalyticsSettings {
  /** The JSONL file each turn's outcome is appended to; null when ANALYTICS_FILE=off. */
  readonly file: string | null;
  /** Application Insights connection string; empty means events go to the file only. */
  readonly appInsightsConnectionString: string;
}

export interface LineSettings {
  /** Signs every webhook body (X-Line-Signature); from the channel's Basic settings. */
  readonly channelSecret: string;
  /** Long-lived channel access token that authorizes replies; from the Messaging API tab. */
  readonly channelAccessToken: string;
  /** Where the Messaging API is called: LINE's own, or a local stand-in for tests. */
  readonly apiBaseUrl: string;
}

export interface WebChatSettings {
  /** Azure Direct Line secret; empty means the bot serves its own local Direct Line. */
  readonly directLineSecret: string;
  /** Azure Direct Line base URL (a regional one, or a stand-in in tests). */
  readonly directLineEndpoint: string;
  /** Origins of other sites allowed to embed the bubble (CORS, and Direct Line trusted origins). */
  readonly allowedOrigins: readonly string[];
  /** Local Direct Line: conversations kept at once, and minutes of silence before one expires. */
  readonly maxConversations: number;
  readonly idleMinutes: number;
  /** Local Direct Line: conversations one client address may hold at once. */
  readonly conversationsPerClient: number;
  /** Tokens one client address may get from POST /api/directline/token per minute (both modes). */
  readonly tokensPerMinute: number;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    expected: string,
    received: string | undefined,
  ) {
    super(`Invalid setting ${setting}: expected ${expected}, received ${JSON.stringify(received ?? '')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const APP_TYPES: readonly MicrosoftAppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

function readPort(env: Env): number {
  const raw = env.PORT?.trim();
  if (!raw) return 3978;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('PORT', 'an integer from 0 to 65535', raw);
  }
  return port;
}

function readCount(env: Env, name: string, fallback: number, max: number, min = 0): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
  }
  return value;
}

function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const match = choices.find((choice) => choice.toLowerCase() === raw.toLowerCase());
  if (!match) throw new ConfigError(name, `one of ${choices.join(', ')}`, raw);
  return match;
}

function readBot(env: Env): Config['bot'] {
  const appId = env.MicrosoftAppId?.trim() ?? '';
  const appPassword = env.MicrosoftAppPassword ?? '';
  const appType = readChoice(env, 'MicrosoftAppType', APP_TYPES, 'MultiTenant');
  const appTenantId = env.MicrosoftAppTenantId?.trim() ?? '';
  if (appId && appType !== 'UserAssignedMSI' && !appPassword) {
    throw new ConfigError('MicrosoftAppPassword', 'a secret when MicrosoftAppId is set', undefined);
  }
  if (appId && appType !== 'MultiTenant' && !appTenantId) {
    throw new ConfigError(
      'MicrosoftAppTenantId',
      `a tenant id when MicrosoftAppType is ${appType}`,
      undefined,
    );
  }
  const unauthenticatedServiceUrls =
    env.UNAUTHENTICATED_SERVICE_URLS?.trim() === '*'
      ? Object.freeze(['*'])
      : readOrigins(env, 'UNAUTHENTICATED_SERVICE_URLS');
  return Object.freeze({ appId, appPassword, appType, appTenantId, unauthenticatedServiceUrls });
}

/** The URL the text spells, or undefined when it is not one. */
function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

const isHttp = (url: URL | undefined): url is URL => url?.protocol === 'http:' || url?.protocol === 'https:';

function readUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!isHttp(parseUrl(raw))) throw new ConfigError(name, 'an http(s) URL', raw);
  return raw.replace(/\/+$/, '');
}

function readOrigins(env: Env, name: string): readonly string[] {
  const raw = env[name]?.trim();
  if (!raw) return Object.freeze([]);
  const origins = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (parseUrl(origin)?.origin !== origin) {
      throw new ConfigError(name, 'comma-separated origins like https://apply.example.jp', origin);
    }
  }
  return Object.freeze(origins);
}

function readWebChat(env: Env): WebChatSettings {
  return Object.freeze({
    directLineSecret: env.DIRECT_LINE_SECRET?.trim() ?? '',
    directLineEndpoint: readUrl(
      env,
      'DIRECT_LINE_ENDPOINT',
      'https://directline.botframework.com/v3/directline',
    ),
    allowedOrigins: readOrigins(env, 'WEBCHAT_ALLOWED_ORIGINS'),
    maxConversations: readCount(env, 'WEBCHAT_MAX_CONVERSATIONS', 1000, 1_000_000, 1),
    idleMinutes: readCount(env, 'WEBCHAT_IDLE_MINUTES', 30, 24 * 60, 1),
    conversationsPerClient: readCount(env, 'WEBCHAT_CONVERSATIONS_PER_CLIENT', 20, 1_000_000, 1),
    tokensPerMinute: readCount(env, 'WEBCHAT_TOKENS_PER_MINUTE', 10, 1_000_000, 1),
  });
}

const LINE_API_BASE_URL = 'https://api.line.me';
const LINE_DATA_API_BASE_URL = 'https://api-data.line.me';

/** An http(s) origin: the LINE SDK resolves its paths from the root, so a path would be ignored. */
function readLineApiBaseUrl(env: Env): string {
  const raw = env.LINE_API_BASE_URL?.trim();
  if (!raw) return LINE_API_BASE_URL;
  const expected = 'an http(s) URL without a path, such as https://api.line.me';
  const url = parseUrl(raw);
  const bare = url?.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (!isHttp(url) || !bare) throw new ConfigError('LINE_API_BASE_URL', expected, raw);
  return url.origin;
}

/**
 * Where the data API is called (api-data.line.me: a rich menu's image), from the one setting:
 * LINE's own API has its data API on its own host; any other origin (a local stand-in) serves both.
 */
export function lineDataApiBaseUrl(apiBaseUrl: string): string {
  return apiBaseUrl === LINE_API_BASE_URL ? LINE_DATA_API_BASE_URL : apiBaseUrl;
}

/** LINE is on when both the secret and the token are set; one without the other is a mistake. */
function readLine(env: Env): LineSettings | undefined {
  const channelSecret = env.LINE_CHANNEL_SECRET?.trim() ?? '';
  const channelAccessToken = env.LINE_CHANNEL_ACCESS_TOKEN?.trim() ?? '';
  const apiBaseUrl = readLineApiBaseUrl(env);
  if (!channelSecret && !channelAccessToken) return undefined;
  if (!channelSecret) {
    throw new ConfigError(
      'LINE_CHANNEL_SECRET',
      'the channel secret when LINE_CHANNEL_ACCESS_TOKEN is set',
      undefined,
    );
  }
  if (!channelAccessToken) {
    throw new ConfigError(
      'LINE_CHANNEL_ACCESS_TOKEN',
      'the channel access token when LINE_CHANNEL_SECRET is set',
      undefined,
    );
  }
  return Object.freeze({ channelSecret, channelAccessToken, apiBaseUrl });
}

const STORAGE_KINDS = ['memory', 'blob'] as const;
/** Azure's rule for container names: 3–63 lowercase letters, digits and single hyphens. */
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
/** Connection strings hold keys: errors about them never repeat the value. */
const HIDDEN = '(hidden)';

function readStorage(env: Env): StorageSettings {
  const kind = readChoice(env, 'STORAGE', STORAGE_KINDS, 'memory');
  if (kind === 'memory') return Object.freeze({ kind });
  const connectionString = env.AZURE_STORAGE_CONNECTION_STRING?.trim() ?? '';
  if (!/(^|;)\s*(AccountName|BlobEndpoint|UseDevelopmentStorage)=/i.test(connectionString)) {
    throw new ConfigError(
      'AZURE_STORAGE_CONNECTION_STRING',
      "a storage account's connection string when STORAGE=blob",
      connectionString ? HIDDEN : undefined,
    );
  }
  const container = env.AZURE_STORAGE_CONTAINER?.trim() || 'faq-bot-state';
  if (!CONTAINER_NAME.test(container)) {
    throw new ConfigError(
      'AZURE_STORAGE_CONTAINER',
      '3-63 lowercase letters, digits and single hyphens',
      container,
    );
  }
  const timeoutMs = readCount(env, 'STORAGE_TIMEOUT_MS', 3000, 60_000, 100);
  return Object.freeze({ kind, connectionString, container, timeoutMs });
}

function readAnalytics(env: Env): AnalyticsSettings {
  const file = env.ANALYTICS_FILE?.trim() || DEFAULT_ANALYTICS_FILE;
  const appInsightsConnectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim() ?? '';
  if (appInsightsConnectionString && !/(^|;)\s*InstrumentationKey=/i.test(appInsightsConnectionString)) {
    throw new ConfigError(
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      'the connection string from the Application Insights resource (InstrumentationKey=…)',
      HIDDEN,
    );
  }
  return Object.freeze({ file: file.toLowerCase() === 'off' ? null : file, appInsightsConnectionString });
}

/** process.env, after reading a `.env` file in the working folder if there is one. */
export function readEnvironment(envFile = '.env'): Env {
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  return process.env;
}

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(env: Env = process.env): Config {
  const bot = readBot(env);
  const host = env.HOST?.trim() ?? '';
  return Object.freeze({
    port: readPort(env),
    // Without an app id nobody is authenticated: reachable from this machine only, unless asked.
    host: host || (bot.appId ? '0.0.0.0' : '127.0.0.1'),
    hostSet: host !== '',
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    trustProxy: readCount(env, 'TRUST_PROXY', 0, 10),
    shutdownTimeoutMs: readCount(env, 'SHUTDOWN_TIMEOUT_SECONDS', 8, 600, 1) * 1000,
    answerCacheSize: readCount(env, 'ANSWER_CACHE_SIZE', 1000, 100_000),
    webChat: readWebChat(env),
    bot,
    line: readLine(env),
    storage: readStorage(env),
    analytics: readAnalytics(env),
  });
}

// --- LINE rich menu (`npm run line:rich-menu`; the server does not read this part) ---

/** What the rich menu command needs: the token, and where LINE's API and data API are. */
export interface LineApiSettings {
  readonly channelAccessToken: string;
  readonly apiBaseUrl: string;
  /** api-data.line.me for LINE's own API, otherwise the same origin as apiBaseUrl. */
  readonly dataApiBaseUrl: string;
}

/** Reads the settings for the rich menu command; the channel access token is required. */
export function loadLineApiSettings(env: Env = process.env): LineApiSettings {
  const channelAccessToken = env.LINE_CHANNEL_ACCESS_TOKEN?.trim() ?? '';
  if (!channelAccessToken) {
    throw new ConfigError(
      'LINE_CHANNEL_ACCESS_TOKEN',
      "the LINE channel's long-lived channel access token",
      undefined,
    );
  }
  const apiBaseUrl = readLineApiBaseUrl(env);
  return Object.freeze({ channelAccessToken, apiBaseUrl, dataApiBaseUrl: lineDataApiBaseUrl(apiBaseUrl) });
}

// --- Teams app package (`npm run teams:package`; the server does not read these) ---

/** What the Teams app package needs: the bot's identity and the publisher shown in Teams. */
export interface TeamsPackageSettings {
  /** The Azure Bot's app id: both the Teams app id and the bot id in manifest.json. */
  readonly appId: string;
  /** Host name of the messaging endpoint, listed in validDomains; empty when unset. */
  readonly botDomain: string;
  readonly developerName: string;
  readonly websiteUrl: string;
  readonly privacyUrl: string;
  readonly termsOfUseUrl: string;
  /** The URL settings left unset, whose placeholder went into the manifest. */
  readonly placeholders: readonly string[];
}

export const TEAMS_PLACEHOLDER_URL = 'https://example.com/';
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
/** The manifest schema allows 32 characters for the developer name. */
const MAX_DEVELOPER_NAME = 32;

function readHttpsUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (parseUrl(raw)?.protocol !== 'https:' || raw.length > 2048) {
    throw new ConfigError(name, 'an https:// URL of at most 2,048 characters', raw);
  }
  return raw;
}

/** Reads the settings for the Teams app package; MicrosoftAppId is required, the rest have defaults. */
export function loadTeamsPackageSettings(env: Env = process.env): TeamsPackageSettings {
  const appId = env.MicrosoftAppId?.trim() ?? '';
  if (!GUID.test(appId)) {
    throw new ConfigError(
      'MicrosoftAppId',
      "the Azure Bot's app id (a GUID) to build the Teams app package",
      appId,
    );
  }
  const botDomain = env.TEAMS_BOT_DOMAIN?.trim() ?? '';
  if (botDomain && !HOST_NAME.test(botDomain)) {
    throw new ConfigError(
      'TEAMS_BOT_DOMAIN',
      'a host name such as faq-bot.example.co.jp (no https://, no path)',
      botDomain,
    );
  }
  const developerName = env.TEAMS_DEVELOPER_NAME?.trim() || '3-D Secure FAQ Bot';
  if (developerName.length > MAX_DEVELOPER_NAME) {
    throw new ConfigError('TEAMS_DEVELOPER_NAME', `at most ${MAX_DEVELOPER_NAME} characters`, developerName);
  }
  const websiteUrl = readHttpsUrl(env, 'TEAMS_WEBSITE_URL', TEAMS_PLACEHOLDER_URL);
  const privacyUrl = readHttpsUrl(env, 'TEAMS_PRIVACY_URL', websiteUrl);
  const termsOfUseUrl = readHttpsUrl(env, 'TEAMS_TERMS_URL', websiteUrl);
  const urls: Record<string, string> = {
    TEAMS_WEBSITE_URL: websiteUrl,
    TEAMS_PRIVACY_URL: privacyUrl,
    TEAMS_TERMS_URL: termsOfUseUrl,
  };
  const placeholders = Object.keys(urls).filter((key) => urls[key] === TEAMS_PLACEHOLDER_URL);
  return Object.freeze({
    appId,
    botDomain,
    developerName,
    websiteUrl,
    privacyUrl,
    termsOfUseUrl,
    placeholders,
  });
}
