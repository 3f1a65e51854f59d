// node scripts/build-without-docker.js --out DIR [--context .] [--dockerfile Dockerfile]
//
// Performs the Dockerfile's steps on plain directories, for machines with no container engine
// (and no container registry to pull the base image from): each stage's file system is
// DIR/<stage name>, WORKDIR and COPY --from paths are placed under it, COPY from the context
// honours .dockerignore, and RUN runs in the stage's working folder with the stage's ENV. The
// base image is this machine: its Node and npm. USER, --chown and RUN --mount are recorded, not
// applied (no user switch, no ownership change, the machine's npm cache). Prints, as one JSON
// line on stdout, the last stage: its working folder, ENV, USER, CMD and HEALTHCHECK command,
// which tests/deploy/ starts and probes. Step output goes to stderr.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

class DockerfileError extends Error {
  constructor(line, problem) {
    super(`Error at Dockerfile line ${line}: ${problem}`);
    this.name = 'DockerfileError';
  }
}

/** Instructions with their line numbers; continuation lines joined, comments dropped. */
function readInstructions(text) {
  const instructions = [];
  let pending = '';
  let startLine = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (!pending) startLine = index + 1;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const whole = pending + line;
    pending = '';
    const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(whole);
    instructions.push({ line: startLine, keyword: keyword.toUpperCase(), rest });
  });
  return instructions;
}

/** Leading --name=value flags, then the remaining words. */
function splitFlags(rest) {
  const flags = {};
  let remaining = rest;
  for (let match; (match = /^--([\w-]+)(?:=(\S*))?\s+/.exec(remaining));) {
    flags[match[1]] = match[2] ?? true;
    remaining = remaining.slice(match[0].length);
  }
  return { flags, remaining };
}

/** Exec form (JSON array) or shell form, as Docker runs them. */
function commandOf(text) {
  return text.startsWith('[') ? JSON.parse(text) : ['/bin/sh', '-c', text];
}

function substitute(text, args, line) {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced, bare) => {
    const name = braced ?? bare;
    if (!(name in args)) throw new DockerfileError(line, `unknown variable ${name}`);
    return args[name];
  });
}

/** .dockerignore patterns as tests on a context-relative path (last matching pattern wins). */
function readDockerignore(context) {
  const file = path.join(context, '.dockerignore');
  if (!fs.existsSync(file)) return () => false;
  const rules = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = path.posix.normalize((negated ? line.slice(1) : line).replace(/^\/+/, ''));
      const source = pattern
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) =>
          part === '**' || part === '**/'
            ? '(?:.*/)?'
            : part === '*'
              ? '[^/]*'
              : part === '?'
                ? '[^/]'
                : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        )
        .join('');
      // A pattern names a file or folder; a folder's contents go with it.
      return { negated, test: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (relative) => {
    let ignored = false;
    for (const rule of rules) if (rule.test.test(relative)) ignored = !rule.negated;
    return ignored;
  };
}

function copyEntry(source, target, skip) {
  const stat = fs.lstatSync(source);
  if (stat.isSymbolicLink()) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.rmSync(target, { force: true });
    fs.symlinkSync(fs.readlinkSync(source), target);
  } else if (stat.isDirectory()) {
    fs.mkdirSync(target, { recursive: true });
    for (const name of fs.readdirSync(source)) {
      if (!skip(path.join(source, name))) copyEntry(path.join(source, name), path.join(target, name), skip);
    }
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, target);
    fs.chmodSync(target, stat.mode);
  }
}

function buildWithoutDocker({ context, dockerfile, out }) {
  const ignored = readDockerignore(context);
  const skipInContext = (file) =>
    file === out || ignored(path.relative(context, file).split(path.sep).join('/'));
  const args = {};
  const stages = new Map();
  let stage;
  /** A path inside a stage's file system, on this machine. */
  const onMachine = (someStage, file) => path.join(someStage.root, path.posix.resolve(someStage.dir, file));
  for (const { line, keyword, rest: raw } of readInstructions(fs.readFileSync(dockerfile, 'utf8'))) {
    if (keyword !== 'FROM' && keyword !== 'ARG' && !stage)
      throw new DockerfileError(line, `${keyword} before FROM`);
    // Like Docker, variables are expanded in these instructions; RUN and CMD leave them to the shell.
    const expands = ['FROM', 'WORKDIR', 'COPY', 'ENV', 'USER', 'EXPOSE'].includes(keyword);
    const rest = expands ? substitute(raw, { ...args, ...(stage?.env ?? {}) }, line) : raw;
    const step = (text) => process.stderr.write(`[${stage ? stage.name : 'args'}] ${keyword} ${text}\n`);
    switch (keyword) {
      case 'ARG': {
        const [name, value = ''] = rest.split('=');
        if (!(name in args)) args[name] = value;
        break;
      }
      case 'FROM': {
        const [image, as, name] = rest.split(/\s+/);
        if (as?.toUpperCase() !== 'AS' || !name)
          throw new DockerfileError(line, 'expected FROM image AS name');
        const root = path.join(out, name);
        fs.rmSync(root, { recursive: true, force: true });
        fs.mkdirSync(root, { recursive: true });
        stage = { name, image, root, dir: '/', env: {}, user: 'root', cmd: [], healthcheck: undefined };
        stages.set(name, stage);
        step(`${image} (this machine's Node ${process.version} stands in for it)`);
        break;
      }
      case 'WORKDIR':
        stage.dir = path.posix.resolve(stage.dir, rest);
        fs.mkdirSync(onMachine(stage, '.'), { recursive: true });
        break;
      case 'ENV':
        for (const [, name, value] of rest.matchAll(/(\w+)=(\S+)/g)) stage.env[name] = value;
        break;
      case 'COPY': {
        const { flags, remaining } = splitFlags(rest);
        const words = remaining.split(/\s+/);
        const destination = words.pop();
        const from = flags.from ? stages.get(flags.from) : undefined;
        if (flags.from && !from) throw new DockerfileError(line, `no stage named ${flags.from}`);
        for (const word of words) {
          if (/[*?[]/.test(word))
            throw new DockerfileError(line, `wildcards are not supported here: ${word}`);
          const source = from
            ? path.join(from.root, path.posix.resolve('/', word))
            : path.join(context, word);
          const target = onMachine(stage, destination);
          const into =
            destination.endsWith('/') && !fs.statSync(source).isDirectory()
              ? path.join(target, path.basename(source))
              : target;
          copyEntry(source, into, from ? () => false : skipInContext);
        }
        step(remaining + (flags.chown ? ` (owner ${flags.chown} not applied)` : ''));
        break;
      }
      case 'RUN': {
        const { flags, remaining } = splitFlags(rest);
        step(remaining + (flags.mount ? " (cache mount: this machine's npm cache)" : ''));
        const [command, ...commandArgs] = commandOf(remaining);
        const result = spawnSync(command, commandArgs, {
          cwd: onMachine(stage, '.'),
          env: { ...process.env, ...stage.env },
          stdio: ['ignore', process.stderr, process.stderr],
        });
        if (result.status !== 0)
          throw new DockerfileError(line, `RUN exited with ${result.status ?? result.signal}`);
        break;
      }
      case 'USER':
        stage.user = rest;
        break;
      case 'CMD':
        stage.cmd = commandOf(rest);
        break;
      case 'HEALTHCHECK': {
        const { flags, remaining } = splitFlags(rest);
        const [, command] = /^CMD\s+(.*)$/.exec(remaining) ?? [];
        if (!command) throw new DockerfileError(line, 'expected HEALTHCHECK [options] CMD command');
        stage.healthcheck = { command: commandOf(command), options: flags };
        break;
      }
      case 'EXPOSE':
      case 'LABEL':
      case 'STOPSIGNAL':
        stage[keyword.toLowerCase()] = rest;
        break;
      default:
        throw new DockerfileError(line, `${keyword} is not supported by this script`);
    }
  }
  if (!stage) throw new DockerfileError(1, 'no FROM');
  const { name, image, env, user, cmd, healthcheck, expose } = stage;
  return { stage: name, image, workdir: onMachine(stage, '.'), env, user, cmd, healthcheck, expose };
}

function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      context: { type: 'string', default: path.join(__dirname, '..') },
      dockerfile: { type: 'string' },
    },
  });
  if (!values.out) {
    process.stderr.write(
      'usage: node scripts/build-without-docker.js --out DIR [--context .] [--dockerfile Dockerfile]\n',
    );
    return 2;
  }
  const context = path.resolve(values.context);
  const result = buildWithoutDocker({
    context,
    dockerfile: path.resolve(values.dockerfile ?? path.join(context, 'Dockerfile')),
    out: path.resolve(values.out),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
