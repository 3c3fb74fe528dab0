import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The browser tests run the built server and web UI: build first when dist/ is missing or older
 * than the sources (the same check as `npm start`). Skipped in the PostgreSQL pass, whose
 * browser tests are skipped.
 */
export default function setup(): void {
  if (process.env.TEST_DATABASE_URL) return;
  execFileSync(process.execPath, ['scripts/ensure-built.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
