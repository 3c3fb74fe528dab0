// The model upstream of the chat benchmark: test/support's protocol-faithful Ollama simulator in
// a process of its own (run with `node --import tsx`). PORT comes from the benchmark; SIM_MODELS
// is a JSON object of model name → SimulatorScript, so each measurement picks its reply shape
// by model name (a few tokens for time to first token, long replies for throughput).
import process from 'node:process';
import {
  startUpstreamSimulator,
  type SimulatorScript,
} from '../../test/support/upstream-simulator.js';

const scripts = JSON.parse(process.env.SIM_MODELS ?? '{}') as Record<string, SimulatorScript>;
const models = Object.keys(scripts);
if (models.length === 0) throw new Error('SIM_MODELS names no model');

const simulator = await startUpstreamSimulator({
  port: Number(process.env.PORT),
  host: process.env.HOST ?? '127.0.0.1',
  models,
  // No delay unless a model's script asks for one (the dev simulator's 150 ms would swamp TTFT).
  script: { firstTokenDelayMs: 0, tokenDelayMs: 0 },
});
for (const [model, script] of Object.entries(scripts)) simulator.setModelScript(model, script);
// The simulator records every request; a benchmark sends hundreds of thousands.
setInterval(() => {
  simulator.requests.length = 0;
}, 1000).unref();

process.stdout.write(`simulator ready on ${simulator.url}: ${models.join(', ')}\n`);
process.on('SIGTERM', () => {
  void simulator.close().then(() => process.exit(0));
});
