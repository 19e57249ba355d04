// `npm run simbook`: the simulator on SIMBOOK_PORT, the odds engine ticking every SIM_TICK_MS.
import { SchemaError } from '@arbhub/schema';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { World } from './world/world.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  // A bad setting is one line naming the variable and the rule, not a stack trace.
  if (!(error instanceof SchemaError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const clock = Date;
const world = new World(
  {
    seed: config.SIM_SEED,
    fixtures: config.SIM_FIXTURES,
    arbRate: config.SIM_ARB_RATE,
    palpableShare: config.SIM_PALPABLE_SHARE,
  },
  clock,
);
const app = await buildApp({ config, world, clock, logger: { level: config.LOG_LEVEL } });
const ticker = setInterval(() => {
  world.tick();
}, config.SIM_TICK_MS);
const close = async () => {
  clearInterval(ticker);
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => void close());
await app.listen({ port: config.SIMBOOK_PORT, host: config.SIMBOOK_HOST });
