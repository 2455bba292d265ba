// Rapport's sources compiled to JavaScript once, and again only when a source file changes, so
// `rapport` runs without a TypeScript loader. tsx transpiles on the fly in a loader thread of its
// own (a second V8 heap) and keeps every module's source and source map in memory: about 65 MB of
// the bot's resident memory, for work that only needs doing when the code changes.
//
// The build is one esbuild pass from src/cli/main.ts (the same transform tsx applies), split at
// dynamic imports so a command loads only what it uses; npm packages stay imports. Each file's
// `import.meta.url` is replaced by its source file's URL, so paths next to the sources (migrations,
// web assets, the generated Prisma client) resolve exactly as they do under tsx.
//
// Builds live in node_modules/.cache/rapport/<build>/; current.json names the newest one and its
// inputs with their sizes and modification times. A long-running process may still import a chunk
// of an older build it has not needed yet, so only builds beyond the newest three and older than
// 30 days are removed.
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'rapport');
const ENTRY = 'src/cli/main.ts';
const KEEP_BUILDS = 3;
const KEEP_DAYS_MS = 30 * 86_400_000;
/** Read by esbuild besides the sources: a change there changes the output too. */
const CONFIG_FILES = ['tsconfig.json', 'package.json'];

/** The URL of the compiled CLI entry, building it first when a source changed. */
export async function compiledCli() {
  const current = await readCurrent();
  if (current && (await unchanged(current))) return pathToFileURL(path.join(CACHE, current.build, current.entry)).href;
  return build();
}

async function readCurrent() {
  try {
    const current = JSON.parse(await readFile(path.join(CACHE, 'current.json'), 'utf8'));
    return current.node === process.version && current.root === ROOT ? current : null;
  } catch {
    return null;
  }
}

async function unchanged(current) {
  const checks = Object.entries(current.inputs).map(async ([file, seen]) => {
    try {
      const s = await stat(path.join(ROOT, file));
      return s.size === seen.size && s.mtimeMs === seen.mtimeMs;
    } catch {
      return false;
    }
  });
  return (await Promise.all(checks)).every(Boolean);
}

async function build() {
  const esbuild = await import('esbuild');
  const id = `${Date.now().toString(36)}-${process.pid}`;
  const outdir = path.join(CACHE, id);
  await mkdir(CACHE, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: ENTRY },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    // A stack trace maps back to the TypeScript with NODE_OPTIONS=--enable-source-maps.
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    plugins: [sourceUrls()],
  });
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), ...CONFIG_FILES]) {
    const s = await stat(path.join(ROOT, file));
    inputs[file] = { size: s.size, mtimeMs: s.mtimeMs };
  }
  const entry = Object.keys(result.metafile.outputs).find((out) => result.metafile.outputs[out].entryPoint === ENTRY);
  const current = { build: id, entry: path.relative(outdir, path.join(ROOT, entry)), node: process.version, root: ROOT, inputs };
  // Written beside, then renamed: a process starting meanwhile reads the old or the new, never half.
  const tmp = path.join(CACHE, `current.${id}.json`);
  await writeFile(tmp, JSON.stringify(current));
  await rename(tmp, path.join(CACHE, 'current.json'));
  await removeOldBuilds(id).catch(() => {});
  return pathToFileURL(path.join(outdir, current.entry)).href;
}

/** Replaces `import.meta.url` in our TypeScript with the source file's own URL. */
function sourceUrls() {
  return {
    name: 'rapport-source-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (args.path.includes(`${path.sep}node_modules${path.sep}`) || !text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
        return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
      });
    },
  };
}

async function removeOldBuilds(newest) {
  const entries = await readdir(CACHE, { withFileTypes: true });
  const builds = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name === newest) continue;
    builds.push({ name: e.name, mtimeMs: (await stat(path.join(CACHE, e.name))).mtimeMs });
  }
  builds.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const old of builds.slice(KEEP_BUILDS - 1)) {
    if (Date.now() - old.mtimeMs > KEEP_DAYS_MS) await rm(path.join(CACHE, old.name), { recursive: true, force: true });
  }
}
