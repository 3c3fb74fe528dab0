// Copies the web UI into dist/web, where the server serves it from. (The React app replaces
// this placeholder page; its Vite build will write to the same place.)
import { cpSync, rmSync } from 'node:fs';

rmSync('dist/web', { recursive: true, force: true });
cpSync('web', 'dist/web', { recursive: true });
console.log('web UI copied to dist/web');
