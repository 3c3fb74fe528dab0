// `npm start` builds first when dist/ is missing or older than any source file.
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
  statSync('package.json').mtimeMs,
);

if (oldestBuild < newestSource) {
  console.log('Building Enclave…');
  execSync('npm run build', { stdio: 'inherit' });
}
