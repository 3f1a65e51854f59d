/**
 * Builds the analytics sinks from the settings: the JSONL file (default), and Application
 * Insights through botbuilder's telemetry client when its connection string is set.
 */
import type { BotTelemetryClient } from 'botbuilder';
import type { ApplicationInsightsTelemetryClient } from 'botbuilder-applicationinsights';
import type { AnalyticsSettings } from '../config';
import type { Logger } from '../logger';
import { maskPersonalData } from '../nlu';
import type { Analytics, AnalyticsEvent } from './analytics-event';
import { createJsonlAnalytics } from './jsonl-analytics';
import { createTelemetryAnalytics } from './telemetry-analytics';

export interface AnalyticsSetup {
  readonly analytics: Analytics;
  /** Application Insights, for the dialogs' own telemetry too; undefined when not configured. */
  readonly telemetryClient: BotTelemetryClient | undefined;
  /**
   * At shutdown: writes out the file and waits for Application Insights to send what it holds
   * (flush), then stops the SDK (its timers and its hooks on Node's http module).
   */
  close(): Promise<void>;
}

type AppInsightsModule = typeof import('botbuilder-applicationinsights');
type AppInsightsSdk = typeof import('applicationinsights');

/** At run time `configuration` is the SDK's Configuration class, whose setters are static. */
interface AppInsightsSetters {
  setAutoCollectDependencies(value: boolean): AppInsightsSetters;
  setAutoCollectConsole(value: boolean): AppInsightsSetters;
  setSendLiveMetrics(value: boolean): AppInsightsSetters;
  setUseDiskRetryCaching(value: boolean): AppInsightsSetters;
}

/**
 * Application Insights with what could carry personal data left out: no outgoing-call URLs
 * (they can hold storage tokens), no SDK statistics sent to Microsoft, and every string
 * property masked as the logger masks it.
 */
function createAppInsightsClient(connectionString: string): ApplicationInsightsTelemetryClient {
  // Loaded only when configured: the SDK patches Node's modules and turns on async hooks,
  // which slow down every request of a bot that does not use it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const appInsights = require('botbuilder-applicationinsights') as AppInsightsModule;
  const client = new appInsights.ApplicationInsightsTelemetryClient(connectionString);
  (client.configuration as unknown as AppInsightsSetters)
    .setAutoCollectDependencies(false)
    .setAutoCollectConsole(false)
    .setSendLiveMetrics(false)
    // Unsent telemetry stays in memory, not in a file under the temp directory that any later
    // process with the same key would send.
    .setUseDiskRetryCaching(false);
  client.defaultClient.getStatsbeat()?.enable(false);
  client.defaultClient.addTelemetryProcessor(function maskProperties(envelope) {
    const properties =
      (envelope.data.baseData as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
    for (const [key, value] of Object.entries(properties)) {
      if (typeof value === 'string') properties[key] = maskPersonalData(value);
    }
    return true;
  });
  return client;
}

/** Every event to every sink. */
function fanOut(sinks: readonly Analytics[]): Analytics {
  return {
    record(event: AnalyticsEvent): void {
      for (const sink of sinks) sink.record(event);
    },
    async flush(): Promise<void> {
      await Promise.all(sinks.map((sink) => sink.flush()));
    },
  };
}

export function createAnalytics(settings: AnalyticsSettings, logger: Logger): AnalyticsSetup {
  const sinks: Analytics[] = [];
  if (settings.file) sinks.push(createJsonlAnalytics(settings.file, logger));
  const telemetryClient = settings.appInsightsConnectionString
    ? createAppInsightsClient(settings.appInsightsConnectionString)
    : undefined;
  if (telemetryClient) sinks.push(createTelemetryAnalytics(telemetryClient));
  const analytics = fanOut(sinks);
  return {
    analytics,
    telemetryClient,
    async close(): Promise<void> {
      await analytics.flush();
      // The SDK that botbuilder-applicationinsights loaded; its dispose() is not on the client.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (telemetryClient) (require('applicationinsights') as AppInsightsSdk).dispose();
    },
  };
}
