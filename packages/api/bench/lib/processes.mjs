/**
 * The bench's processes: servers and the load generator each run in their own Node process, forked
 * with an IPC channel; the measured servers get `--expose-gc` and the probe (probe.cjs) preloaded.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const here = import.meta.dirname;
const PROBE = path.join(here, 'probe.cjs');
let nextId = 1;

function ipc(child) {
  const waiting = new Map();
  child.on('message', (m) => {
    const key = m?.probeAnswer ?? m?.id;
    const w = waiting.get(key);
    if (!w) return;
    waiting.delete(key);
    if (m.error) w.reject(new Error(m.error));
    else w.resolve(m.value ?? m.result);
  });
  child.on('exit', (code, signal) => {
    for (const w of waiting.values()) w.reject(new Error(`process exited (${code ?? signal}) before answering`));
    waiting.clear();
  });
  return (message) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ ...message, id });
    });
}

/**
 * Forks `script` as a measured server and resolves once a line of its output matches `ready`
 * (the first capture group, or the whole match, is returned as `url`). Output is kept for errors only.
 */
export function forkServer(script, { args = [], env = {}, ready, label = path.basename(script), timeoutMs = 120_000, execArgv = [] }) {
  const child = fork(script, args, {
    env: { ...process.env, ...env },
    execArgv: ['--expose-gc', '--require', PROBE, ...execArgv],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const call = ipc(child);
  const tail = [];
  const keep = (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start within ${timeoutMs} ms:\n${tail.join('\n')}`)), timeoutMs);
    readline.createInterface({ input: child.stderr }).on('line', keep);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      keep(line);
      const m = ready.exec(line);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        label,
        url: m[1] ?? m[0],
        child,
        probe: (name) => call({ probe: name }),
        output: () => tail.join('\n'),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code ?? signal}) before it was ready:\n${tail.join('\n')}`));
    });
  });
}

/**
 * The product as it runs in production (`node dist/main.js`, NODE_ENV=production, PROCESS_ROLE=api,
 * its logging on), as a measured server; `env` adds or overrides settings (DATABASE_URL, DATA_DIR…).
 */
export async function forkProduct({ label = 'the product (dist/main.js)', env }) {
  const started = await forkServer(path.join(here, '..', '..', 'dist', 'main.js'), {
    label,
    env: { NODE_ENV: 'production', PROCESS_ROLE: 'api', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', ...env },
    ready: /Guichet is running at (http:\/\/[^\s]+)/,
  });
  // With PORT=0 the product prints http://localhost:<port>; it listens on 127.0.0.1 only.
  return { ...started, url: started.url.replace('//localhost:', '//127.0.0.1:') };
}

/** The load generator (load.mjs) in its own process. */
export function forkLoad() {
  const child = fork(path.join(here, 'load.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const call = ipc(child);
  return {
    /** { kind: 'closed'|'rate', url, headers, body, concurrency|rps, warmupMs, ms } → { done, errors, rps, latencies } */
    run: (job) => call(job),
    stop: () => child.disconnect(),
  };
}

/** Server CPU (user + system, ms) spent while `work` ran, and work's result. */
export async function withServerCpu(server, work) {
  const before = await server.probe('cpu');
  const result = await work();
  const after = await server.probe('cpu');
  return { result, cpuMs: after.userMs + after.systemMs - before.userMs - before.systemMs };
}

export const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
/** "0.62 (0.58–0.66)": the median of the rounds and their spread. */
export const withSpread = (values, digits = 2) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
export const loadAverage = () =>
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores`;
