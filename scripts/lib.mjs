// Small helpers shared by the root scripts (start, test). Node built-ins only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
  });
}

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** True when a package's build output is missing or older than any of its inputs. */
export function isStale(packageDir, inputs) {
  const stamp = path.join(packageDir, 'dist', '.build-stamp');
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  return inputs.some((input) => newestMtime(path.join(packageDir, input)) > built);
}

export function markBuilt(packageDir) {
  fs.mkdirSync(path.join(packageDir, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(packageDir, 'dist', '.build-stamp'), new Date().toISOString());
}

const PACKAGES = [
  { name: '@guichet/shared', dir: 'packages/shared', inputs: ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'], deps: [] },
  {
    name: '@guichet/web',
    dir: 'packages/web',
    inputs: ['src', 'index.html', 'playground.html', 'public', 'package.json', 'vite.config.ts', 'tsconfig.json'],
    deps: ['@guichet/shared'],
  },
  {
    name: '@guichet/api',
    dir: 'packages/api',
    inputs: ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'],
    deps: ['@guichet/shared'],
  },
];

/** Builds what is missing or out of date, in dependency order. Returns false on a failed build. */
export async function buildWhatIsMissing({ force = false } = {}) {
  const rebuilt = new Set();
  for (const pkg of PACKAGES) {
    const dir = path.join(root, pkg.dir);
    if (!force && !isStale(dir, pkg.inputs) && !pkg.deps.some((d) => rebuilt.has(d))) continue;
    console.log(`\n▶ building ${pkg.name}`);
    const code = await run('pnpm', ['--filter', pkg.name, 'build']);
    if (code !== 0) return false;
    markBuilt(dir);
    rebuilt.add(pkg.name);
  }
  return true;
}
