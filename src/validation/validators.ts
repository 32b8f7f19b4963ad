import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { projectRoot } from '../project-root.js';

/**
 * The one Ajv instance. Every schema in `schemas/` is loaded and compiled once, at import, and
 * looked up by `$id`. No `allErrors`: on hostile input it makes validation cost grow with the
 * number of errors, and the first error is enough to answer.
 */
const ajv = new Ajv({ strict: true, allowUnionTypes: true, strictTuples: false });

export const schemasDir = join(projectRoot, 'schemas');

/** Every schema in schemas/, by `$id` (also the source of the OpenAPI document). */
const schemaSources = new Map<string, Record<string, unknown>>();

function loadSchemaFiles(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) loadSchemaFiles(path);
    else if (entry.name.endsWith('.schema.json')) {
      const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      schemaSources.set(schema['$id'] as string, schema);
      ajv.addSchema(schema);
    }
  }
}
loadSchemaFiles(schemasDir);

/** The raw JSON Schema with this `$id` (a deep copy), or undefined. */
export function schemaSource(id: string): Record<string, unknown> | undefined {
  const schema = schemaSources.get(id);
  return schema === undefined ? undefined : (structuredClone(schema) as Record<string, unknown>);
}

const compiled = new Map<string, ValidateFunction>();

/** The compiled validator for a schema `$id`; compiled on first use, then cached. */
export function validatorFor(id: string): ValidateFunction {
  let fn = compiled.get(id);
  if (!fn) {
    fn = ajv.getSchema(id);
    if (!fn) throw new Error(`no JSON Schema with $id ${id} in ${schemasDir}`);
    compiled.set(id, fn);
  }
  return fn;
}

/** Compile every loaded schema now, so that a broken schema fails start-up, not a request. */
export function compileAllSchemas(): void {
  for (const id of Object.keys((ajv as unknown as { schemas: Record<string, unknown> }).schemas)) {
    if (id.startsWith('talkdesk-bridge/')) validatorFor(id);
  }
}

/** One readable sentence for the first validation error, e.g. `meta.offset must be string,integer,null`. */
export function describeError(errors: ErrorObject[] | null | undefined, root: string): string {
  const e = errors?.[0];
  if (!e) return `${root} is invalid`;
  const path = (root + e.instancePath.replace(/\//g, '.')).replace(/^\./, '');
  if (e.keyword === 'required') return `${path ? path + '.' : ''}${String(e.params['missingProperty'])} is required`;
  if (e.keyword === 'pattern' || e.keyword === 'format') return `${path} has an invalid format`;
  return `${path} ${e.message ?? 'is invalid'}`;
}

/** Validate `data` against schema `id`; returns null when valid, else a sentence naming the error. */
export function check(id: string, data: unknown, root: string): string | null {
  const fn = validatorFor(id);
  return fn(data) ? null : describeError(fn.errors, root);
}
