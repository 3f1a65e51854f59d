/**
 * The Azurite emulator's Blob service (npm `azurite`), started on loopback for a test file or the
 * soak benchmark: on a free port, with its data in a temporary folder, so it can be stopped (or
 * killed) and started again on the same port with the same data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Azurite's well-known development account (public, in Azurite's documentation). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** azurite's `azurite-blob` command, run with this process's Node. */
const BLOB_MAIN = path.join(
  path.dirname(require.resolve('azurite/package.json')),
  'dist',
  'src',
  'blob',
  'main.js',
);

export class Azurite {
  private process: ChildProcess | undefined;
  private port = 0;
  private readonly folder = fs.mkdtempSync(path.join(os.tmpdir(), 'azurite-'));

  /** Where the emulator writes what it stores (blobs and their metadata). */
  get dataFolder(): string {
    return this.folder;
  }

  get connectionString(): string {
    return [
      'DefaultEndpointsProtocol=http',
      `AccountName=${ACCOUNT}`,
      `AccountKey=${ACCOUNT_KEY}`,
      `BlobEndpoint=http://127.0.0.1:${this.port}/${ACCOUNT}`,
    ].join(';');
  }

  /** Starts (again, on the same port once it has one) and resolves when it listens. */
  async start(): Promise<void> {
    const args = ['--blobHost', '127.0.0.1', '--blobPort', String(this.port), '--location', this.folder];
    const child = spawn(
      process.execPath,
      [BLOB_MAIN, ...args, '--silent', '--disableTelemetry', '--skipApiVersionCheck'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.process = child;
    this.port = await new Promise<number>((resolve, reject) => {
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (listening) resolve(Number(listening[1]));
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`Azurite exited (${code}) before listening: ${output}`)));
    });
  }

  /** Stops it (SIGTERM), or kills it at once (SIGKILL), as a crash or an outage would. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.folder, { recursive: true, force: true });
  }
}
