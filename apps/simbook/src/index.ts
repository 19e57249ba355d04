export * from './world/world.js';
export * from './world/planter.js';
export * from './world/prices.js';
export * from './world/teams.js';
export * from './config.js';
export * from './app.js';
