// `npm start` (and the browser tests) build first when dist/ is missing or older than any
// source file: the server's src/, the web UI's web/, package.json or the Vite config.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const built = ['dist/main.js', 'dist/cli.js', 'dist/web/index.html'];
const oldestBuild = built.every((file) => existsSync(file))
  ? Math.min(...built.map((file) => statSync(file).mtimeMs))
  : 0;
const newestSource = Math.max(
  newestMtime('src'),
  newestMtime('web'),
  ...['package.json', 'vite.config.ts'].map((file) => statSync(file).mtimeMs),
);

if (oldestBuild < newestSource) {
  console.log('Building Enclave…');
  // Always a production build of the web UI, even when called from the test runner (whose
  // NODE_ENV=test would make Vite bundle React's development build).
  execSync('npm run build', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
