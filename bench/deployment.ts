/**
 * What a deployment installs and how fast it starts: the size of node_modules for the full
 * (development) install, the production install (`npm ci --omit=dev` on the built tree) and the
 * same after scripts/prune-node-modules.js (what the container image ships); then the cold start
 * of that production tree on this machine's Node and on the LTS production runs, side by side.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, waitForHealthy } from './processes';

export interface InstallSize {
  /** Disk usage in KiB (du -sk: whole blocks, as a disk fills). */
  readonly diskKiB: number;
  /** Sum of the files' sizes in KiB (du -sk --apparent-size). */
  readonly apparentKiB: number;
  readonly files: number;
}

export interface NodeStart {
  readonly version: string;
  readonly startsMs: number[];
}

export interface DeploymentMeasures {
  readonly development: InstallSize;
  readonly production: InstallSize;
  readonly pruned: InstallSize;
  readonly starts: NodeStart[];
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stderr}`);
  return result.stdout;
}

export function installSize(modules: string): InstallSize {
  const kib = (extra: string[]) => Number(run('du', ['-sk', ...extra, modules], '/').split('\t')[0]);
  const files = run('find', [modules, '-type', 'f'], '/').split('\n').filter(Boolean).length;
  return { diskKiB: kib([]), apparentKiB: kib(['--apparent-size']), files };
}

/** The built tree as a production install sees it: what the Dockerfile's runtime stage copies. */
function copyBuiltTree(root: string, into: string): void {
  for (const entry of [
    'package.json',
    'package-lock.json',
    'scripts',
    'data',
    'intents',
    'dist',
    'src/channels/webchat/public',
  ]) {
    fs.cpSync(path.join(root, entry), path.join(into, entry), { recursive: true });
  }
}

async function coldStart(node: string, tree: string): Promise<number> {
  const started = process.hrtime.bigint();
  const server = await startServer(node, [path.join(tree, 'dist', 'src', 'index.js')], {
    env: { ANALYTICS_FILE: 'off' },
    cwd: tree,
  });
  await waitForHealthy(server.url);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  await server.stop();
  return elapsed;
}

/** The `node` binary of the pinned production LTS (scripts/node-bin.sh installs it once). */
export function productionLtsNode(root: string): string {
  return path.join(run('bash', [path.join(root, 'scripts', 'node-bin.sh')], root).trim(), 'node');
}

export async function measureDeployment(
  root: string,
  nodes: readonly string[],
  runs: number,
  log: (message: string) => void,
): Promise<DeploymentMeasures> {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'faq-bot-production-'));
  try {
    copyBuiltTree(root, tree);
    log('  npm ci --omit=dev on the built tree…');
    run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], tree);
    const production = installSize(path.join(tree, 'node_modules'));
    run(process.execPath, [path.join(tree, 'scripts', 'prune-node-modules.js')], tree);
    const pruned = installSize(path.join(tree, 'node_modules'));
    const development = installSize(path.join(root, 'node_modules'));

    log(`  cold start of the production tree on ${nodes.length} Node versions, ${runs} alternating runs…`);
    const starts: NodeStart[] = nodes.map((node) => ({
      version: run(node, ['--version'], tree).trim(),
      startsMs: [],
    }));
    for (let round = 0; round < runs; round++) {
      for (const [index, node] of nodes.entries()) starts[index]!.startsMs.push(await coldStart(node, tree));
    }
    return { development, production, pruned, starts };
  } finally {
    fs.rmSync(tree, { recursive: true, force: true });
  }
}

const mb = (kib: number) => `${((kib * 1024) / 1e6).toFixed(0)} MB`;
const sizeRow = (what: string, size: InstallSize) =>
  `| ${what} | ${mb(size.diskKiB)} | ${mb(size.apparentKiB)} | ${size.files.toLocaleString('en')} |`;

export const DEPLOYMENT_HEADING = '## Production install and Node versions';
const TARGET_KIB = 300e6 / 1024;

/** The BENCHMARKS.md section, with its own date: `--only deployment` rewrites it alone. */
export function deploymentSection(
  measures: DeploymentMeasures,
  median: (values: number[]) => number,
): string {
  const { development, production, pruned, starts } = measures;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const within = (size: InstallSize) =>
    size.diskKiB < TARGET_KIB && size.apparentKiB < TARGET_KIB ? 'met' : 'missed';
  const [first, ...others] = starts;
  const startRows = starts.map(
    (start) =>
      `| Node ${start.version} | ${median(start.startsMs).toFixed(0)} ms | ${start.startsMs.map((t) => t.toFixed(0)).join(', ')} |`,
  );
  const ratios = others.map(
    (other) =>
      `Node ${other.version} ÷ Node ${first!.version}: ${(median(other.startsMs) / median(first!.startsMs)).toFixed(2)}.`,
  );
  return `${DEPLOYMENT_HEADING}

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, ${os.platform()}, in one run
(\`npm run bench -- --only deployment\` reruns this section alone and leaves the rest of this file as it was).

| node_modules | disk used (du) | files' bytes | files |
|---|---|---|---|
${sizeRow('full install (`npm ci`: build, tests, benchmarks)', development)}
${sizeRow('production install (`npm ci --omit=dev` on the built tree)', production)}
${sizeRow('what the image ships (the same, then `scripts/prune-node-modules.js`)', pruned)}

Target: production \`node_modules\` under 300 MB. The plain production install: ${within(production)}; what the
image ships: ${within(pruned)}. The pruning removes files Node never loads when the bot runs: source maps, TypeScript
declarations, Markdown documents (licence and notice files stay) and packages' own test folders.

| cold start of the production tree to /healthz 200 | median | runs |
|---|---|---|
${startRows.join('\n')}

${ratios.join(' ')}

- **Sizes**: \`du -sk\` (whole 4 KiB blocks, as the disk fills) and \`du -sk --apparent-size\` (the files' bytes),
  in MB of 10^6 bytes. The production tree is what the Dockerfile's runtime stage copies (package files, \`scripts/\`,
  \`data/\`, \`intents/\`, \`dist/\`, the chat bubble's page and launcher), in a temporary folder.
- **Cold start**: that pruned production tree, \`node dist/src/index.js\` spawned by each Node binary in turn
  (${first?.startsMs.length ?? 0} alternating runs each), polling \`/healthz\` every 5 ms until 200. Node ${others.map((o) => o.version).join(', ')} is the \`node\` package
  from the npm registry (\`scripts/node-bin.sh\`), Node ${first?.version} the machine's.
`;
}
