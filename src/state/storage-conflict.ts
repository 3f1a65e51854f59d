/**
 * Optimistic concurrency for conversation records. A record is written with the ETag it was
 * read with (`If-Match`), or, when there was none, only if it still does not exist
 * (`If-None-Match: *`); either way, a write that another instance got in first fails with this
 * error instead of overwriting it. botbuilder's own stores say the same in a plain Error.
 */
export class StorageConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StorageConflictError';
  }
}

export function isStorageConflict(error: unknown): boolean {
  return (
    error instanceof StorageConflictError || (error instanceof Error && /eTag conflict/i.test(error.message))
  );
}
