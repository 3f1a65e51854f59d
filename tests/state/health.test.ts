/**
 * /healthz tells ready from degraded by whether the shared conversation storage answers:
 * the real app with STORAGE=blob against Azurite, stopped and started again.
 */
import { type RunningApp, startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { loadTokenizer } from '../../src/nlu';
import { Azurite } from '../helpers/azurite';

jest.setTimeout(60_000);

const azurite = new Azurite();
let app: RunningApp;
beforeAll(async () => {
  await azurite.start();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STORAGE: 'blob',
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    AZURE_STORAGE_CONTAINER: 'health-state',
    STORAGE_TIMEOUT_MS: '1000',
    ANALYTICS_FILE: 'off',
  });
  app = await startApp(config, createLogger('silent'), loadTokenizer());
  await app.ready;
});
afterAll(async () => {
  await app.close();
  await azurite.dispose();
});

async function health(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${app.url}/healthz`);
  return { status: response.status, body: await response.json() };
}

/** /healthz, asked until it says `status` (each answer reflects a storage call of its own or one under 2 s old). */
async function healthUntil(status: number): Promise<{ status: number; body: unknown }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const answer = await health();
    if (answer.status === status) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return health();
}

describe('/healthz with conversations in Azure Blob storage', () => {
  it('says ready (200) while the storage answers, degraded (503) while it does not, and ready again after', async () => {
    expect(await health()).toEqual({ status: 200, body: { status: 'ready', storage: 'reachable' } });

    await azurite.stop();
    expect(await healthUntil(503)).toEqual({
      status: 503,
      body: { status: 'degraded', storage: 'unreachable' },
    });

    await azurite.start();
    expect(await healthUntil(200)).toEqual({ status: 200, body: { status: 'ready', storage: 'reachable' } });
  });
});
