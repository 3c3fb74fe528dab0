import { startUpstreamSimulator, type UpstreamSimulator } from './upstream-simulator.js';

/**
 * Simulators started by one test file, closed together (call `closeAll` in afterEach), plus
 * the address of one that refuses connections, for an upstream that is down.
 */
export function simulatorPool() {
  const started: UpstreamSimulator[] = [];
  return {
    async start(options: Parameters<typeof startUpstreamSimulator>[0] = {}) {
      const sim = await startUpstreamSimulator(options);
      started.push(sim);
      return sim;
    },
    async refusedUrl(): Promise<string> {
      const sim = await this.start();
      await sim.refuseConnections();
      return sim.url;
    },
    async closeAll(): Promise<void> {
      for (const sim of started.splice(0)) await sim.close();
    },
  };
}
