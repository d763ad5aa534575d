import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';

/**
 * Database and Redis servers of a test's own, on spare loopback ports, for the fault tests: they are
 * stopped, killed, frozen and restarted, which the shared servers (MariaDB on 3306, Redis on 6379)
 * must never be. Each one lives in a temporary directory removed by `dispose()`; a test process that
 * ends without disposing them kills them on its way out.
 */

const SEARCH_PATH = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];

/** The absolute path of a program, looked up in PATH and the sbin directories, or undefined. */
export function findProgram(name: string): string | undefined {
  for (const dir of SEARCH_PATH) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Why private engines of this kind cannot run here (a program missing), or undefined when they can.
 * `mariadb` needs mariadb-install-db and mariadbd (Debian: mariadb-server-core); `redis` needs redis-server.
 */
export function privateEngineMissing(kind: 'mariadb' | 'redis'): string | undefined {
  const programs = kind === 'mariadb' ? ['mariadb-install-db', 'mariadbd'] : ['redis-server'];
  const missing = programs.filter((p) => findProgram(p) === undefined);
  if (missing.length === 0) return undefined;
  const packages = kind === 'mariadb' ? 'mariadb-server-core' : 'redis-server';
  return `${missing.join(' and ')} not found in PATH or /usr/sbin (Debian/Ubuntu package ${packages})`;
}

/** A TCP port free on 127.0.0.1 right now (the system picks it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `check` until it resolves true, or rejects after `deadlineMs` with what was awaited. */
async function waitFor(what: string, check: () => Promise<boolean>, deadlineMs: number, failed?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const failure = failed?.();
    if (failure) throw new Error(`${what}: ${failure}`);
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`still waiting, after ${deadlineMs} ms, for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** One server process, started again on the same data and port by `start()`. */
class EngineProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private log = '';

  constructor(
    private readonly name: string,
    private readonly program: string,
    private readonly args: string[],
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Whether the process is up (started and not exited). */
  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.log.slice(-4000);
  }

  spawn(): void {
    if (this.alive) throw new Error(`${this.name} is already running`);
    const child = spawn(this.program, this.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    running.add(child);
    const keep = (chunk: Buffer): void => {
      this.log = (this.log + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        running.delete(child);
        this.log += `\n[${this.name} exited: ${code ?? signal}]\n`;
        resolve();
      });
    });
  }

  /** Why the process is not up, when it exited (for a start that waits on it). */
  failure(): string | undefined {
    if (!this.child || this.alive) return undefined;
    return `${this.name} exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.output()}`;
  }

  /** Sends `signal` and resolves once the process has exited (SIGKILL after `graceMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 30_000): Promise<void> {
    if (!this.alive) return;
    const child = this.child as ChildProcess;
    // A frozen process handles no signal but SIGKILL: let it run again first.
    child.kill('SIGCONT');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  signal(signal: NodeJS.Signals): void {
    if (this.alive) this.child?.kill(signal);
  }
}

export interface PrivateMariadb {
  /** mysql://root@127.0.0.1:<port>/ (no database): append a database name. */
  serverUrl: string;
  port: number;
  /** A new, empty database on this server; its url. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server (SIGTERM: a clean shutdown; SIGKILL: a crash) and waits for its exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same data directory and port; resolves when it accepts connections. */
  start(): Promise<void>;
  /** stop() then start(). */
  restart(signal?: NodeJS.Signals): Promise<void>;
  /** The server's last output (its error log), for a failure message. */
  output(): string;
  /** Kills the server and removes its data directory. */
  dispose(): Promise<void>;
}

/**
 * A MariaDB server of its own: a data directory made by `mariadb-install-db` in a temporary
 * directory, `mariadbd` on a spare loopback port, `root` without a password over TCP. Resolves once
 * it accepts connections.
 */
export async function startPrivateMariadb(): Promise<PrivateMariadb> {
  const missing = privateEngineMissing('mariadb');
  if (missing) throw new Error(`private MariaDB: ${missing}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-mariadb-'));
  const dataDir = path.join(dir, 'data');
  // Small: a test's data fits in a few megabytes, and several engineers share the machine.
  const sizing = ['--innodb-buffer-pool-size=32M', '--innodb-log-file-size=16M'];
  // mariadbd refuses to run as root unless told to (the tests run as root in containers).
  const asUser = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--user=root'] : [];
  try {
    execFileSync(
      findProgram('mariadb-install-db') as string,
      ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asUser, ...sizing],
      { stdio: 'pipe' },
    );
  } catch (error) {
    const out = error as { stdout?: Buffer; stderr?: Buffer };
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`mariadb-install-db failed:\n${String(out.stdout ?? '')}${String(out.stderr ?? '')}`);
  }
  const port = await freePort();
  const server = new EngineProcess('mariadbd', findProgram('mariadbd') as string, [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--port=${port}`,
    `--socket=${path.join(dir, 'sock')}`,
    `--pid-file=${path.join(dir, 'mariadbd.pid')}`,
    '--bind-address=127.0.0.1',
    '--skip-name-resolve',
    '--skip-log-bin',
    ...asUser,
    ...sizing,
  ]);
  const serverUrl = `mysql://root@127.0.0.1:${port}/`;
  const answers = async (): Promise<boolean> => {
    try {
      const conn = await createConnection({ uri: serverUrl, connectTimeout: 1000 });
      await conn.query('SELECT 1');
      await conn.end();
      return true;
    } catch {
      return false;
    }
  };
  const start = async (): Promise<void> => {
    server.spawn();
    await waitFor(`the private mariadbd on port ${port} to accept connections`, answers, 60_000, () => server.failure());
  };
  await start();
  return {
    serverUrl,
    port,
    createDatabase: async (name = `guichet_p_${Date.now().toString(36)}`) => {
      const conn = await createConnection({ uri: serverUrl });
      await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await conn.end();
      return `${serverUrl}${name}`;
    },
    stop: (signal = 'SIGTERM') => server.stop(signal),
    start,
    restart: async (signal = 'SIGTERM') => {
      await server.stop(signal);
      await start();
    },
    output: () => server.output(),
    dispose: async () => {
      await server.stop('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivateRedis {
  /** redis://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Stops the server (SIGTERM: a clean shutdown; SIGKILL: a crash) and waits for its exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again, empty (nothing is saved), on the same port; resolves when it answers PING. */
  start(): Promise<void>;
  /**
   * Freezes the server (SIGSTOP): its connections stay open and nothing answers, as when the network
   * to it drops packets. `resume()` lets it run again.
   */
  freeze(): void;
  resume(): void;
  /** Sends one command (e.g. `KEYS`, `prefix*`) and resolves with its reply. */
  command(...args: string[]): Promise<unknown>;
  dispose(): Promise<void>;
}

/** A Redis server of its own on a spare loopback port, keeping nothing on disk. Resolves once it answers PING. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const missing = privateEngineMissing('redis');
  if (missing) throw new Error(`private Redis: ${missing}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-redis-'));
  const port = await freePort();
  const server = new EngineProcess('redis-server', findProgram('redis-server') as string, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ]);
  /** One command on a connection of its own (closed after), so that a stopped server fails it at once. */
  const command = async (...args: string[]): Promise<unknown> => {
    const client = new Redis(port, '127.0.0.1', {
      lazyConnect: true,
      connectTimeout: 1000,
      commandTimeout: 2000,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const [name = 'PING', ...rest] = args;
      return await client.call(name, ...rest);
    } finally {
      client.disconnect();
    }
  };
  const answers = async (): Promise<boolean> => (await command('PING').catch(() => '')) === 'PONG';
  const start = async (): Promise<void> => {
    server.spawn();
    await waitFor(`the private redis-server on port ${port} to answer`, answers, 30_000, () => server.failure());
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: (signal = 'SIGTERM') => server.stop(signal),
    start,
    freeze: () => server.signal('SIGSTOP'),
    resume: () => server.signal('SIGCONT'),
    command,
    dispose: async () => {
      await server.stop('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
