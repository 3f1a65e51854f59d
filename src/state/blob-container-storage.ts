/**
 * Conversation records as JSON blobs in one Azure Blob container, with real ETags: a record is
 * read with its ETag, written back only if it still has it (If-Match) or, when it was absent,
 * only if it is still absent (If-None-Match: *), so two instances writing one conversation at
 * once cannot overwrite each other unseen: the later one gets a StorageConflictError. (botbuilder's
 * BlobsStorage writes a new record unconditionally, and ConversationState always writes with `*`.)
 * The container is created on first use, and again after a failed attempt.
 */
import type { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { emptyStoreItems } from './store-items';
import { StorageConflictError } from './storage-conflict';

/** What the Azure SDK's errors carry. */
interface RestError {
  readonly statusCode?: number;
  readonly code?: string;
}

const statusOf = (error: unknown) => (error as RestError | undefined)?.statusCode;

/** A blob name for a key: URI-encoded (no path of its own), at most 1,024 characters. */
export function blobName(key: string): string {
  return encodeURIComponent(key).slice(0, 1024);
}

async function bodyText(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '{}';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export class BlobContainerStorage implements Storage {
  private readonly container: ContainerClient;
  private created: Promise<unknown> | undefined;

  constructor(connectionString: string, containerName: string, pipeline: StoragePipelineOptions = {}) {
    // Loaded only when STORAGE=blob: the Azure SDK is not needed otherwise.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('@azure/storage-blob') as typeof import('@azure/storage-blob');
    this.container = new sdk.ContainerClient(connectionString, containerName, pipeline);
  }

  private ready(): Promise<unknown> {
    this.created ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.created = undefined;
      throw error;
    });
    return this.created;
  }

  async read(keys: string[]): Promise<StoreItems> {
    await this.ready();
    const items = emptyStoreItems();
    await Promise.all(
      keys.map(async (key) => {
        try {
          // One call: the content and the ETag of the same version.
          const blob = await this.container.getBlobClient(blobName(key)).download();
          const body = await bodyText(blob.readableStreamBody);
          items[key] = { ...(JSON.parse(body) as StoreItem), eTag: blob.etag };
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.ready();
    await Promise.all(
      Object.entries(changes).map(async ([key, change]: [string, StoreItem]) => {
        const { eTag, ...item } = change;
        const body = JSON.stringify(item);
        const conditions = eTag === '*' ? {} : eTag ? { ifMatch: eTag as string } : { ifNoneMatch: '*' };
        try {
          await this.container.getBlockBlobClient(blobName(key)).upload(body, Buffer.byteLength(body), {
            conditions,
            blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
          });
        } catch (error) {
          // 412: the ETag changed; 409: created meanwhile by another instance.
          if (statusOf(error) === 412 || statusOf(error) === 409) throw new StorageConflictError(key);
          throw error;
        }
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await this.ready();
    await Promise.all(keys.map((key) => this.container.getBlobClient(blobName(key)).deleteIfExists()));
  }
}
