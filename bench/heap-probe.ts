/**
 * Preloaded into the bot by the soak benchmark (`node --expose-gc -r dist/bench/heap-probe.js`):
 * on SIGUSR2 it runs a full garbage collection and writes the heap then in use as a JSON line,
 * beside the bot's own log lines. Nothing of it is part of the bot.
 */
process.on('SIGUSR2', function heapAfterGc() {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ message: 'heap after GC', heapUsed, rss })}\n`);
});
