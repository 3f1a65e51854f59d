/**
 * Sends each analytics event to Application Insights as a custom event ("FaqTurn"), through
 * botbuilder's telemetry client. The properties are the event's own: already masked, no user ids.
 */
import type { BotTelemetryClient } from 'botbuilder';
import type { Analytics, AnalyticsEvent } from './analytics-event';

export const TELEMETRY_EVENT_NAME = 'FaqTurn';

export function createTelemetryAnalytics(client: BotTelemetryClient): Analytics {
  return {
    record(event: AnalyticsEvent): void {
      const properties: Record<string, string> = {};
      for (const [key, value] of Object.entries(event)) properties[key] = String(value);
      client.trackEvent({ name: TELEMETRY_EVENT_NAME, properties });
    },
    async flush(): Promise<void> {
      client.flush();
    },
  };
}
