export * from './world/world.js';
export * from './world/planter.js';
export * from './world/prices.js';
export * from './world/teams.js';
export * from './config.js';
export * from './app.js';
// The books' payload builders, for tools that record what a book sends (the worker's fixtures).
export { rowOf as csportRow, CSPORT_ROW, cmdCode } from './books/csport.js';
export { ibcMatch, hkOf, ibcTime, IBC_BET_TYPES, IBC_PAGE_SIZE } from './books/ibc.js';
export { header as sboHeader, records as sboRecords } from './books/sbo.js';
