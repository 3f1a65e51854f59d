/**
 * Sends each analytics event to Application Insights as a custom event ("FaqTurn"), through
 * botbuilder's telemetry client. The properties are the event's own: already masked, no user ids.
 */
import type { ApplicationInsightsTelemetryClient } from 'botbuilder-applicationinsights';
import type { Analytics, AnalyticsEvent } from './analytics-event';

export const TELEMETRY_EVENT_NAME = 'FaqTurn';

/** How long a flush waits for Application Insights to take the events (at shutdown). */
const SEND_WAIT_MS = 5000;

export function createTelemetryAnalytics(client: ApplicationInsightsTelemetryClient): Analytics {
  return {
    record(event: AnalyticsEvent): void {
      const properties: Record<string, string> = {};
      for (const [key, value] of Object.entries(event)) {
        properties[key] = value instanceof Date ? value.toISOString() : String(value);
      }
      client.trackEvent({ name: TELEMETRY_EVENT_NAME, properties });
    },
    /** Sends what the SDK holds and waits for the answer; a failure or the time limit ends the wait too. */
    flush(): Promise<void> {
      return new Promise<void>((resolve) => {
        setTimeout(resolve, SEND_WAIT_MS).unref();
        client.defaultClient.flush({ callback: () => resolve() });
      });
    },
  };
}
