/**
 * A fake model upstream for local development (no GPU, no weights): the Ollama API on
 * 127.0.0.1:11434, Enclave's default OLLAMA_URL, and the OpenAI-compatible API under /v1.
 *
 *   npm run dev:upstream                 # port 11434
 *   npm run dev:upstream -- --port 11500 # or PORT=11500 npm run dev:upstream
 *
 * Replies echo the last user message word by word at ~30 ms per token.
 */
import { startUpstreamSimulator } from '../test/support/upstream-simulator.js';

const MODELS = ['llama3.2:1b', 'qwen2.5:0.5b'];

function portFromArgs(args: string[]): number {
  const flag = args.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  const raw = flag === -1 ? process.env.PORT : (args[flag]?.split('=')[1] ?? args[flag + 1]);
  const port = Number(raw ?? 11434);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port: ${String(raw)}`);
  }
  return port;
}

const simulator = await startUpstreamSimulator({
  port: portFromArgs(process.argv.slice(2)),
  models: MODELS,
  script: { tokenDelayMs: 30, firstTokenDelayMs: 150 },
  embeddingDimensions: 768,
});

console.log(`Upstream simulator serving ${MODELS.join(', ')}`);
console.log(`  Ollama URL:      ${simulator.url}`);
console.log(`  OpenAI base URL: ${simulator.openaiBaseUrl}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
