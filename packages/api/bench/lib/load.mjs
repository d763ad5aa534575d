/**
 * The load generator, in its own process (forked by the bench), so that sending requests never
 * shares an event loop or a core's time slice accounting with the server being measured.
 *
 * Messages: { id, kind: 'closed', url, headers, body, concurrency, warmupMs, ms }
 *           { id, kind: 'rate',   url, headers, body, rps, warmupMs, ms }  (or `mix: [{ url, body, headers? }]`, sent in turn)
 * Answers:  { id, result: { done, errors, rps, latencies: { p50, p90, p99, max } } } or { id, error }.
 *
 * The fixed-rate mode times each request from the moment it was scheduled, not from when it was
 * actually sent, so a stalled server is charged for the requests it made wait (no coordinated omission).
 */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function send(url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: body ? 'POST' : 'GET', headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Why requests failed in this process's current job: HTTP status or network error code, counted. */
let failures = {};
const failed = (why) => {
  failures[why] = (failures[why] ?? 0) + 1;
  return false;
};

async function sendOk(url, headers, body) {
  try {
    const r = await send(url, headers, body);
    return r.status === 200 || failed(`HTTP ${r.status}`);
  } catch (error) {
    // A keep-alive socket the server closed between two requests: one retry.
    if (error.code !== 'ECONNRESET') return failed(error.code ?? error.message);
    try {
      const r = await send(url, headers, body);
      return r.status === 200 || failed(`HTTP ${r.status}`);
    } catch (again) {
      return failed(again.code ?? again.message);
    }
  }
}

const percentile = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]);

/** The request number `i` of a job: its own url/body, or the next one of its mix. */
const nth = (job, i) => (job.mix ? job.mix[i % job.mix.length] : job);

async function closed(job) {
  const { concurrency, ms } = job;
  let sent = 0;
  let done = 0;
  let errors = 0;
  const latencies = [];
  const start = performance.now();
  const until = start + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const one = nth(job, sent++);
        if (await sendOk(one.url, one.headers, one.body)) done += 1;
        else errors += 1;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - start;
  return summary(done, errors, elapsed, latencies);
}

async function rate(job) {
  const { rps, ms } = job;
  let done = 0;
  let errors = 0;
  const latencies = [];
  const pending = [];
  const start = performance.now();
  const total = Math.round((rps * ms) / 1000);
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / rps;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const one = nth(job, i);
    pending.push(
      sendOk(one.url, one.headers, one.body).then((ok) => {
        if (ok) done += 1;
        else errors += 1;
        latencies.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(pending);
  return summary(done, errors, performance.now() - start, latencies);
}

function summary(done, errors, elapsedMs, latencies) {
  const sorted = latencies.sort((a, b) => a - b);
  return {
    done,
    errors,
    failures,
    rps: (done * 1000) / elapsedMs,
    latencies: { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 },
  };
}

process.on('message', async (message) => {
  const run = message.kind === 'rate' ? rate : closed;
  try {
    const body = message.body === undefined ? undefined : Buffer.from(message.body);
    const mix = message.mix?.map((m) => ({
      ...m,
      headers: m.headers ?? message.headers ?? {},
      body: m.body === undefined ? undefined : Buffer.from(m.body),
    }));
    const job = { ...message, body, mix, headers: message.headers ?? {} };
    // Warm-up at the same load, not measured: JIT, pools and caches settle first.
    if (message.warmupMs > 0) await run({ ...job, ms: message.warmupMs });
    // Only the measured run's failures are reported.
    failures = {};
    process.send({ id: message.id, result: await run(job) });
  } catch (error) {
    process.send({ id: message.id, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
