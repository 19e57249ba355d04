// Module hooks for tests: appends the URL of every module resolved to the file named at
// registration (`register(url, { data: { file } })`), so a test can tell what a module
// graph loads.
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(file, `${result.url}\n`);
  return result;
}
