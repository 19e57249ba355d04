import type { z } from 'zod';

/** One problem with an input: where it is (`matches[3].markets[0].prices.home`) and what is wrong. */
export interface SchemaIssue {
  path: string;
  message: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Renders a zod path as a JavaScript accessor: `matches[3].markets[0].prices.home`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** zod's default wording made terse and consistent: `expected a number, received string`, `required`. */
function tidyMessage(issue: z.core.$ZodIssue): string {
  const message = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && message.endsWith('received undefined')) return 'required';
  if (issue.code === 'unrecognized_keys') {
    return `unexpected ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return message;
}

/** The issues of a zod error as `{ path, message }`, in the order zod found them. */
export function toSchemaIssues(error: z.core.$ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: tidyMessage(issue) }));
}

const MAX_LISTED = 5;

/** One line naming every bad field: `a.b: expected ...; c[0]: required` (at most five, then a count). */
export function formatIssues(issues: readonly SchemaIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED).map((issue) => `${issue.path}: ${issue.message}`);
  if (issues.length > MAX_LISTED) listed.push(`and ${issues.length - MAX_LISTED} more`);
  return listed.join('; ');
}

/** An input that does not match its schema. `issues` names every bad field. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  readonly issues: SchemaIssue[];

  constructor(issues: SchemaIssue[], what?: string) {
    super(what ? `invalid ${what}: ${formatIssues(issues)}` : formatIssues(issues));
    this.issues = issues;
  }
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: SchemaError };

/** Validates without throwing; the error names every bad field by its path. */
export function check<S extends z.ZodType>(schema: S, input: unknown, what?: string): Checked<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, error: new SchemaError(toSchemaIssues(result.error), what) };
}

/** Validates and returns the parsed value, or throws a SchemaError naming every bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what?: string): z.output<S> {
  const result = check(schema, input, what);
  if (!result.ok) throw result.error;
  return result.value;
}
