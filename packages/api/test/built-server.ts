import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The built server (`node dist/main.js`, as `pnpm start` runs it) in a child process, for the tests
 * that need real processes: a signal, several instances starting at once. `pnpm test` runs the API
 * tests before the build, so `buildIfStale()` builds what is missing or older than its sources.
 */

export const API_DIR = path.resolve(__dirname, '..');
const SHARED_DIR = path.resolve(API_DIR, '../shared');
export const MAIN = path.join(API_DIR, 'dist/main.js');

/** The newest modification time of the TypeScript sources under `dir` (tests excluded). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__tests__') newest = Math.max(newest, newestSource(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

const mtime = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

/** Builds shared and api when their dist is older than their sources (or missing); fails when dist/main.js is still missing. */
export function buildIfStale(): void {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [API_DIR] });
  const build = (dir: string): void => {
    try {
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'pipe' });
    } catch (error) {
      const out = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`build of ${dir} failed:\n${String(out.stdout ?? '')}${String(out.stderr ?? '')}`);
    }
  };
  const sharedStale = mtime(path.join(SHARED_DIR, 'dist/index.js')) < newestSource(path.join(SHARED_DIR, 'src'));
  if (sharedStale) build(SHARED_DIR);
  if (sharedStale || mtime(MAIN) < newestSource(path.join(API_DIR, 'src'))) build(API_DIR);
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing after the build`);
}

export interface Spawned {
  child: ChildProcess;
  port: number;
  output(): string;
  /** Resolves with the first line matching `pattern` (already printed or to come). */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `node dist/main.js` with this environment (and PATH) alone. Resolves once it prints that it is
 * running (the port it listens on, PORT=0 letting the system pick); rejects if it exits before.
 * `until` waits for another line naming the port instead, e.g. /Guichet is starting at/ (the port
 * opens before the migrations run).
 */
export async function spawnServer(env: Record<string, string>, options: { until?: RegExp } = {}): Promise<Spawned> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      for (const w of waiters.splice(0))
        w.reject(new Error(`the server exited (${code ?? signal}) before printing ${w.pattern}:\n${output}`));
      resolve({ code, signal });
    });
  });
  let partial = '';
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const l of parts) {
      lines.push(l);
      for (const w of [...waiters]) {
        if (w.pattern.test(l)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(l);
        }
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const line = (pattern: RegExp): Promise<string> => {
    const found = lines.find((l) => pattern.test(l));
    if (found !== undefined) return Promise.resolve(found);
    if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`the server has exited:\n${output}`));
    return new Promise((resolve, reject) => waiters.push({ pattern, resolve, reject }));
  };
  const running = await line(options.until ?? /Guichet is running at http:\/\/localhost:(\d+)/);
  const port = Number(/localhost:(\d+)/.exec(running)?.[1]);
  return { child, port, output: () => output, line, exited };
}
