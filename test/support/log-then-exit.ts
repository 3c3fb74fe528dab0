// Logs two lines through the production logger and exits in the same turn of the event loop,
// before the batched destination's end-of-turn write (batched-destination.test.ts).
import { createLogger } from '../../src/platform/logging/logger.js';

const logger = createLogger('info');
logger.info('first');
logger.info('last before exit');
process.exit(0);
