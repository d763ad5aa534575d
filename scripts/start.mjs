// `pnpm start`: builds what is missing, then runs the API, which migrates the database, seeds
// the demo data on an empty one and serves the web app on the same port.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildWhatIsMissing, root } from './lib.mjs';

if (!(await buildWhatIsMissing())) {
  console.error('Build failed: see the messages above.');
  process.exit(1);
}
const child = spawn(process.execPath, [path.join(root, 'packages/api/dist/main.js')], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
