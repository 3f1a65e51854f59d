/**
 * Where conversations (the bot's open question) are kept: in this process's memory by default
 * (MemoryConversationRecords: bounded, idle conversations expire, the least recently used go beyond
 * a cap), or in an Azure Blob container shared by every instance (STORAGE=blob), with real ETags. Blob calls are held to the configured
 * time, so an unreachable store costs a turn at most that long, and the client is rebuilt after
 * a failure. An ETag conflict is not a failure: it reaches the caller as it is. The shared store
 * says whether it is reachable, for /healthz.
 */
import type { StoreItems } from 'botbuilder';
import type { StorageSettings } from '../config';
import type { Logger } from '../logger';
import { BlobContainerStorage } from './blob-container-storage';
import { type CheckedStorage, type ConversationRecords, recordsInStorage } from './conversation-records';
import { MemoryConversationRecords } from './memory-conversation-records';
import { isStorageConflict } from './storage-conflict';

/** Storage that failed: its cause is kept for the log, never the data. */
export class StorageUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    // A SAS token in a URL is a secret.
    super(`Error at conversation storage ${operation}: ${reason.replace(/sig=[^&\s"']+/gi, 'sig=(hidden)')}`);
    this.name = 'StorageUnavailableError';
  }
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout])
    .catch((error: unknown) => {
      throw isStorageConflict(error) ? error : new StorageUnavailableError(operation, error);
    })
    .finally(() => clearTimeout(timer));
}

/** A call this recent tells whether the store works; older, /healthz makes one of its own. */
const FRESH_MS = 2000;
/** The key /healthz reads (a conversation that never exists). */
const PROBE_KEY = 'healthz/probe';

/** The store answered, but said no (an eTag conflict: 409, 412): it is reachable all the same. */
function answeredWithRefusal(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

class SharedBlobStorage implements CheckedStorage {
  private blobs: BlobContainerStorage | undefined;
  private last: { state: 'reachable' | 'unreachable'; at: number } | undefined;
  private probe: Promise<'reachable' | 'unreachable'> | undefined;

  constructor(
    private readonly settings: Extract<StorageSettings, { kind: 'blob' }>,
    private readonly now: () => number = Date.now,
  ) {}

  private client(): BlobContainerStorage {
    const { connectionString, container, timeoutMs } = this.settings;
    this.blobs ??= new BlobContainerStorage(connectionString, container, {
      retryOptions: { maxTries: 2, tryTimeoutInMs: Math.ceil(timeoutMs / 2), retryDelayInMs: 50 },
    });
    return this.blobs;
  }

  private async call<T>(operation: string, work: (blobs: BlobContainerStorage) => Promise<T>): Promise<T> {
    try {
      const result = await withTimeout(work(this.client()), this.settings.timeoutMs, operation);
      this.last = { state: 'reachable', at: this.now() };
      return result;
    } catch (error) {
      const refused = isStorageConflict(error) || answeredWithRefusal(error);
      if (!refused) this.blobs = undefined;
      this.last = { state: refused ? 'reachable' : 'unreachable', at: this.now() };
      throw error;
    }
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.call('read', (blobs) => blobs.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.call('write', (blobs) => blobs.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.call('delete', (blobs) => blobs.delete(keys));
  }

  check(): Promise<'reachable' | 'unreachable'> {
    if (this.last && this.now() - this.last.at < FRESH_MS) return Promise.resolve(this.last.state);
    this.probe ??= this.read([PROBE_KEY])
      .then(
        () => 'reachable' as const,
        () => 'unreachable' as const,
      )
      .finally(() => (this.probe = undefined));
    return this.probe;
  }
}

/** The shared Blob store as a botbuilder Storage, held to its time limit and checked for /healthz. */
export function sharedBlobStorage(settings: Extract<StorageSettings, { kind: 'blob' }>): CheckedStorage {
  return new SharedBlobStorage(settings);
}

/** Conversation records where the settings say. */
export function createConversationRecords(settings: StorageSettings, logger: Logger): ConversationRecords {
  return settings.kind === 'blob'
    ? recordsInStorage(sharedBlobStorage(settings), { logger })
    : new MemoryConversationRecords({ logger });
}
