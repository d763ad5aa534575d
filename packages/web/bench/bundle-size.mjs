// Bundle budget (pnpm bench): builds the app and the framework floor side by side in this run,
// then compares their initial JavaScript (gzip) and checks every lazily loaded chunk.
//   initial JS ≤ 1.10 × floor      each other chunk < 50 kB gzip
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const RATIO_BUDGET = 1.1;
const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-bundle-'));

const gz = (file) => gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** Files the browser loads before the first render: the entry script and its modulepreloads. */
function initialFiles(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map(
    (m) => m[1] ?? m[2],
  );
  return [...new Set(refs)].map((ref) => path.join(dist, ref.replace(/^\//, '').replace(/^\.\//, '')));
}

async function buildInto(options, dir) {
  await build({
    ...options,
    logLevel: 'error',
    build: { ...(options.build ?? {}), outDir: dir, emptyOutDir: true, reportCompressedSize: false },
  });
  return dir;
}

const appDist = await buildInto({ root: webRoot, configFile: path.join(webRoot, 'vite.config.ts') }, path.join(out, 'app'));
const floorDist = await buildInto(
  { root: path.join(here, 'floor'), configFile: false, plugins: [react()], build: { target: 'es2022' } },
  path.join(out, 'floor'),
);

const appInitial = initialFiles(appDist);
const floorInitial = initialFiles(floorDist);
const appBytes = appInitial.reduce((n, f) => n + gz(f), 0);
const floorBytes = floorInitial.reduce((n, f) => n + gz(f), 0);
const ratio = appBytes / floorBytes;

const initialSet = new Set(appInitial);
const chunks = fs
  .readdirSync(path.join(appDist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => path.join(appDist, 'assets', f))
  .filter((f) => !initialSet.has(f))
  .map((f) => ({ name: path.basename(f), bytes: gz(f) }))
  .sort((a, b) => b.bytes - a.bytes);
const largest = chunks[0] ?? { name: '(none)', bytes: 0 };

console.log('SPA bundle (gzip, built side by side in this run)');
console.log(`  initial JS, app:   ${kb(appBytes)}  (${appInitial.map((f) => path.basename(f)).join(', ')})`);
console.log(`  initial JS, floor: ${kb(floorBytes)}  (React + react-router + Apollo Client)`);
console.log(`  ratio app/floor:   ${ratio.toFixed(3)}  budget ≤ ${RATIO_BUDGET}  ${ratio <= RATIO_BUDGET ? 'OK' : 'NOT MET'}`);
console.log(
  `  lazy chunks: ${chunks.length}, largest ${largest.name} ${kb(largest.bytes)}  budget < 50 kB  ${largest.bytes < 50 * 1024 ? 'OK' : 'NOT MET'}`,
);
for (const c of chunks.slice(0, 5)) console.log(`    ${c.name.padEnd(40)} ${kb(c.bytes)}`);
fs.rmSync(out, { recursive: true, force: true });
if (process.env.BENCH_RESULTS) {
  const lines = [
    { name: 'SPA initial JS vs framework floor', value: ratio.toFixed(3), limit: `≤ ${RATIO_BUDGET}`, met: ratio <= RATIO_BUDGET },
    {
      name: 'largest lazy chunk (gzip)',
      value: `${largest.name.replace(/-[A-Za-z0-9_-]{8}\.js$/, '')} ${kb(largest.bytes)}`,
      limit: '< 50 kB',
      met: largest.bytes < 50 * 1024,
    },
  ];
  fs.appendFileSync(process.env.BENCH_RESULTS, lines.map((r) => JSON.stringify({ group: 'spa', ...r })).join('\n') + '\n');
}
process.exitCode = ratio <= RATIO_BUDGET && largest.bytes < 50 * 1024 ? 0 : 1;
