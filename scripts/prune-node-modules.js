// node scripts/prune-node-modules.js [folder] — after `npm ci --omit=dev`, removes from
// node_modules what Node never loads when the bot runs: source maps, TypeScript declarations,
// Markdown documentation (licence and notice files stay) and each package's own test folder.
// The container's runtime stage runs it; see Dockerfile and BENCHMARKS.md for the sizes.
const fs = require('node:fs');
const path = require('node:path');

const TEST_FOLDERS = new Set(['test', 'tests', '__tests__']);
const KEPT_DOCUMENTS = /^(licen[cs]e|notice|copying)/i;

function removable(name) {
  if (/\.map$/.test(name) || /\.d\.[cm]?ts$/.test(name)) return true;
  return /\.(md|markdown)$/i.test(name) && !KEPT_DOCUMENTS.test(name);
}

function pruneFolder(folder, isPackageRoot, removed) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules') pruneModules(full, removed);
      else if (isPackageRoot && TEST_FOLDERS.has(entry.name)) remove(full, removed);
      else pruneFolder(full, false, removed);
    } else if (entry.isFile() && removable(entry.name)) {
      remove(full, removed);
    }
  }
}

function pruneModules(modules, removed) {
  for (const entry of fs.readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.bin') continue;
    const full = path.join(modules, entry.name);
    if (entry.name.startsWith('@')) {
      for (const scoped of fs.readdirSync(full, { withFileTypes: true })) {
        if (scoped.isDirectory()) pruneFolder(path.join(full, scoped.name), true, removed);
      }
    } else {
      pruneFolder(full, true, removed);
    }
  }
}

function sizeOf(target) {
  const stat = fs.lstatSync(target);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0);
}

function remove(target, removed) {
  removed.bytes += sizeOf(target);
  removed.entries += 1;
  fs.rmSync(target, { recursive: true, force: true });
}

function main() {
  const modules = path.resolve(process.argv[2] ?? '.', 'node_modules');
  if (!fs.existsSync(modules)) {
    process.stderr.write(`No node_modules in ${path.dirname(modules)}: run npm ci --omit=dev first.\n`);
    return 1;
  }
  const removed = { bytes: 0, entries: 0 };
  pruneModules(modules, removed);
  const mb = (removed.bytes / 1024 / 1024).toFixed(0);
  process.stdout.write(
    `Pruned ${modules}: ${removed.entries} files and folders, ${mb} MB never loaded at run time\n`,
  );
  return 0;
}

process.exitCode = main();
