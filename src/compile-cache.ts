/**
 * Node 22.1 and later can keep the compiled code of the modules the bot loads (botbuilder,
 * restify, the Azure and LINE SDKs) on disk and reuse it at the next start, which makes a
 * start markedly faster (BENCHMARKS.md, "Cold start and memory"). Imported first by index.ts,
 * before any of those modules; on Node 20 it does nothing. The cache goes to the system's
 * temporary folder (node-compile-cache), or to NODE_COMPILE_CACHE when that is set; a cache
 * that cannot be written is skipped by Node without an error.
 */
import nodeModule from 'node:module';

const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
enableCompileCache?.();
