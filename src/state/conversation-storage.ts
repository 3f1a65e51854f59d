/**
 * Where conversations (the bot's open question) are stored: in memory by default (bounded: idle
 * conversations expire, the least recently used go beyond a cap), or in an Azure Blob container
 * shared by every instance (STORAGE=blob), with real ETags. Blob calls are held to the configured
 * time, so an unreachable store costs a turn at most that long, and the client is rebuilt after
 * a failure. An ETag conflict is not a failure: it reaches the caller as it is.
 */
import type { Storage, StoreItems } from 'botbuilder';
import type { StorageSettings } from '../config';
import { BlobContainerStorage } from './blob-container-storage';
import { BoundedMemoryStorage } from './bounded-memory-storage';
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

class SharedBlobStorage implements Storage {
  private blobs: BlobContainerStorage | undefined;

  constructor(private readonly settings: Extract<StorageSettings, { kind: 'blob' }>) {}

  private client(): BlobContainerStorage {
    const { connectionString, container, timeoutMs } = this.settings;
    this.blobs ??= new BlobContainerStorage(connectionString, container, {
      retryOptions: { maxTries: 2, tryTimeoutInMs: Math.ceil(timeoutMs / 2), retryDelayInMs: 50 },
    });
    return this.blobs;
  }

  private async call<T>(operation: string, work: (blobs: BlobContainerStorage) => Promise<T>): Promise<T> {
    try {
      return await withTimeout(work(this.client()), this.settings.timeoutMs, operation);
    } catch (error) {
      if (!isStorageConflict(error)) this.blobs = undefined;
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
}

export function createConversationStorage(settings: StorageSettings): Storage {
  return settings.kind === 'blob' ? new SharedBlobStorage(settings) : new BoundedMemoryStorage();
}
