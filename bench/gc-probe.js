// Preloaded into the bot for the soak (node --expose-gc --require bench/gc-probe.js): when the
// benchmark asks over IPC, collects garbage fully and reports the heap that is left.
process.on('message', (message) => {
  if (message !== 'heap') return;
  global.gc();
  global.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.send({ heapUsed, rss });
});
