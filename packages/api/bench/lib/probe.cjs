/**
 * Loaded with `--require` into a measured server process (forked by the bench with an IPC channel):
 * answers the bench's questions about this process — CPU used, RSS after a GC, peak RSS over a slot,
 * SQL statements sent — without changing what the server runs. Statements are counted where mysql2
 * sends them (Connection#query and #execute), below TypeORM and the bare handler alike.
 */
'use strict';
const path = require('node:path');

let statements = 0;
try {
  const apiDir = path.resolve(__dirname, '..', '..');
  const mysql2Dir = path.dirname(require.resolve('mysql2/package.json', { paths: [apiDir] }));
  for (const file of ['lib/base/connection.js', 'lib/connection.js']) {
    let Connection;
    try {
      Connection = require(path.join(mysql2Dir, file));
    } catch {
      continue;
    }
    const proto = (Connection.BaseConnection ?? Connection).prototype;
    for (const method of ['query', 'execute']) {
      const original = proto[method];
      if (typeof original !== 'function' || original.__counted) continue;
      proto[method] = function counted(...args) {
        statements += 1;
        return original.apply(this, args);
      };
      proto[method].__counted = true;
    }
    break;
  }
} catch {
  // No mysql2 in this process (SQLite): the count stays 0 and the bench says so.
}

let peak = 0;
let sampler;

const answers = {
  cpu: () => {
    const u = process.cpuUsage();
    return { userMs: u.user / 1000, systemMs: u.system / 1000 };
  },
  /** RSS once the heap has been collected twice (the settled baseline). */
  settledRss: () => {
    global.gc?.();
    global.gc?.();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, gc: typeof global.gc === 'function' };
  },
  peakStart: () => {
    peak = process.memoryUsage().rss;
    clearInterval(sampler);
    sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    return { rss: peak };
  },
  peakStop: () => {
    clearInterval(sampler);
    sampler = undefined;
    return { peak: Math.max(peak, process.memoryUsage().rss) };
  },
  statements: () => ({ statements }),
};

if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (!message || typeof message !== 'object' || typeof message.probe !== 'string') return;
    const answer = answers[message.probe];
    process.send({ probeAnswer: message.id, value: answer ? answer() : { error: `unknown probe ${message.probe}` } });
  });
}
