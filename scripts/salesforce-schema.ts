/**
 * Re-extracts the part of graphql/salesforce/schema.graphql that states Salesforce's own types
 * (between its BEGIN/END markers), from the two npm packages in which Salesforce publishes them:
 *
 *   npm run salesforce:schema [-- --check] [--feature-tarball a.tgz --sample-tarball b.tgz]
 *
 * - @salesforce/webapp-template-feature-graphql-experimental ships shared-schema.graphqls, the
 *   types every org's schema shares (operators, inputs, order clauses, value wrappers).
 * - @salesforce/webapp-template-app-react-sample-b2e-experimental ships TypeScript that
 *   graphql-codegen generated from a real org's schema, holding the per-object input types
 *   (Contact_Filter, Contact_OrderBy, IdOperators…).
 * Neither is installed: `npm pack` fetches each tarball (pinned versions below) and the one file
 * is read from it. `--check` writes nothing and fails when the committed block differs.
 *
 * Licence. Both packages say "SEE LICENSE IN LICENSE.txt": Salesforce's Terms of Use, which allow
 * copying only with those Terms attached, among them a duty to defend and indemnify Salesforce.
 * Taking those on is not an engineering decision, so nothing of Salesforce's text is copied: this
 * script reads the facts of the interface (type names, field names, field types, enum values),
 * the ones any client must match to be understood, and prints them with graphql-js, without
 * Salesforce's comments or layout. It refuses to run if a package's licence field changes.
 *
 * Besides the types themselves it checks two facts the connector relies on:
 * - every field of `type Contact` / `type Account` in the pinned schema has the value wrapper
 *   that matches the operator type the org's `<Object>_Filter` gives that field (StringOperators ↔
 *   StringValue…, the correspondence Salesforce documents in filter-fields.html);
 * - the whole pinned schema builds and graphql/salesforce/operations.graphql validates against it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSchema, isInputObjectType, isObjectType, parse, print, validate, type GraphQLNamedType } from 'graphql';

export const FEATURE_PACKAGE = '@salesforce/webapp-template-feature-graphql-experimental';
export const FEATURE_VERSION = '1.105.1';
export const FEATURE_FILE = 'skills/implementing-graphql-data-access/docs/shared-schema.graphqls';
export const SAMPLE_PACKAGE = '@salesforce/webapp-template-app-react-sample-b2e-experimental';
export const SAMPLE_VERSION = '1.117.1';
export const SAMPLE_FILE = 'dist/force-app/main/default/webapplications/propertymanagementapp/src/api/graphql-operations-types.ts';
/** The licence field both packages carry; anything else needs a fresh look before extracting. */
export const EXPECTED_LICENCE = 'SEE LICENSE IN LICENSE.txt';

/** Types taken whole from shared-schema.graphqls (and what they reference). */
export const SHARED_TYPES = [
  'DateFunctionInput',
  'DateLiteral',
  'DatePrimitiveOperators',
  'DateRange',
  'DateTimeFunctionInput',
  'DateTimeInput',
  'DateTimeOperators',
  'DateTimeValue',
  'EmailValue',
  'FieldValue',
  'IDValue',
  'LongOperators',
  'NullOrder',
  'OrderByClause',
  'PageInfo',
  'PhoneNumberValue',
  'ResultOrder',
  'StringOperators',
  'StringValue',
  'TextAreaValue',
  'UrlValue',
] as const;

/**
 * Types taken from the org-generated TypeScript: GraphQL name, TypeScript name, and the fields
 * kept (null: all). The object inputs are pruned to what the fake org implements; a real org has
 * one field per Contact field.
 */
export const SAMPLE_TYPES: ReadonlyArray<{ name: string; ts: string; fields: readonly string[] | null }> = [
  { name: 'Contact_Filter', ts: 'Contact_Filter', fields: ['Id', 'LastModifiedDate', 'Name', 'SystemModstamp', 'and', 'not', 'or'] },
  { name: 'Contact_OrderBy', ts: 'Contact_OrderBy', fields: ['Id', 'LastModifiedDate', 'Name', 'SystemModstamp'] },
  { name: 'IDOperators', ts: 'IdOperators', fields: null },
  // Referenced by IDOperators' semi-join operators (inq, ninq); one field per object in an org.
  { name: 'JoinInput', ts: 'JoinInput', fields: ['Contact'] },
];

/**
 * graphql-codegen's default naming (PascalCase) renamed types whose GraphQL names start with an
 * acronym: shared-schema.graphqls has `URLOperators` where the generated TypeScript has
 * `UrlOperators`. The GraphQL names are restored here, `IDOperators` by the same rule (as
 * `IDValue`, `IDAggregate` are spelled in shared-schema.graphqls). Only validation sees these
 * names: no type name travels in the bridge's requests.
 */
export const TS_TO_GRAPHQL: Readonly<Record<string, string>> = { IdOperators: 'IDOperators', UrlOperators: 'URLOperators' };

/** The value wrapper a field has in `type <Object>`, by the operator type of its `<Object>_Filter` field. */
const WRAPPER_OF_OPERATORS: Readonly<Record<string, string>> = {
  StringOperators: 'StringValue',
  TextAreaOperators: 'TextAreaValue',
  EmailOperators: 'EmailValue',
  PhoneNumberOperators: 'PhoneNumberValue',
  URLOperators: 'UrlValue',
  IDOperators: 'IDValue',
  DateTimeOperators: 'DateTimeValue',
};

export const BEGIN = "# ---- BEGIN Salesforce's own types: generated by scripts/salesforce-schema.ts, do not edit by hand ----";
export const END = "# ---- END Salesforce's own types ----";

const ROOT = join(import.meta.dirname, '..');
const SCHEMA = join(ROOT, 'graphql', 'salesforce', 'schema.graphql');
const OPERATIONS = join(ROOT, 'graphql', 'salesforce', 'operations.graphql');

// ---- reading the sources -----------------------------------------------------------------------

/**
 * The top-level definitions of shared-schema.graphqls, by name, each parsed on its own (the file
 * as a whole does not parse: it declares an empty enum).
 */
export function sharedDefinitions(sdl: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const starts = [...sdl.matchAll(/^(?:scalar|enum|type|input|interface|union|directive)\b.*$/gm)];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const text = sdl.slice(start.index, starts[i + 1]?.index ?? sdl.length);
    const name = /^(?:enum|type|input|interface)\s+(\w+)/.exec(text)?.[1];
    if (name !== undefined) blocks.set(name, text);
  }
  return blocks;
}

/** A TypeScript field type of graphql-codegen's output as a GraphQL type reference. */
export function graphqlTypeOf(ts: string, optional: boolean): string {
  const nullable = optional || /^InputMaybe<.*>$/.test(ts) || /^Maybe<.*>$/.test(ts);
  const inner = ts.replace(/^(?:Input)?Maybe<(.*)>$/, '$1');
  const list = /^Array<(.*)>$/.exec(inner);
  let named: string;
  if (list) {
    named = `[${graphqlTypeOf(list[1] as string, false)}]`;
  } else {
    const scalar = /^Scalars\["(\w+)"\]\["input"\]$/.exec(inner);
    named = scalar ? (scalar[1] as string) : (TS_TO_GRAPHQL[inner] ?? inner);
    if (!/^\w+$/.test(named)) throw new Error(`cannot read the TypeScript type ${ts}`);
  }
  return nullable ? named : `${named}!`;
}

/** The fields of `export type <name> = { … }` in generated TypeScript, as GraphQL input fields. */
export function sampleFields(ts: string, name: string): Array<{ name: string; type: string }> {
  const body = new RegExp(`^export type ${name} = \\{\\n([\\s\\S]*?)\\n\\};`, 'm').exec(ts)?.[1];
  if (body === undefined) throw new Error(`${SAMPLE_FILE} has no type ${name}`);
  return body.split('\n').map((line) => {
    const m = /^\s*(\w+)(\?)?: (.+);$/.exec(line);
    if (!m) throw new Error(`cannot read a field of ${name}: ${line.trim()}`);
    return { name: m[1] as string, type: graphqlTypeOf(m[3] as string, m[2] === '?') };
  });
}

// ---- the block ---------------------------------------------------------------------------------

export interface Sources {
  shared: string;
  sample: string;
  feature: { version: string; sha256: string };
  sampleProvenance: { version: string; sha256: string };
}

/** The text between (and including) the markers. */
export function renderBlock(sources: Sources): string {
  const shared = sharedDefinitions(sources.shared);
  const definitions: Array<[string, string]> = [];
  for (const name of SHARED_TYPES) {
    const text = shared.get(name);
    if (text === undefined) throw new Error(`${FEATURE_FILE} has no type ${name}`);
    definitions.push([name, print(parse(text))]);
  }
  for (const { name, ts, fields } of SAMPLE_TYPES) {
    const all = sampleFields(sources.sample, ts);
    const kept = fields === null ? all : all.filter((f) => fields.includes(f.name));
    if (fields !== null && kept.length !== fields.length) {
      const missing = fields.filter((f) => !all.some((a) => a.name === f));
      throw new Error(`${SAMPLE_FILE}: ${ts} has no field ${missing.join(', ')}`);
    }
    definitions.push([name, print(parse(`input ${name} {\n${kept.map((f) => `  ${f.name}: ${f.type}`).join('\n')}\n}`))]);
  }
  definitions.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    BEGIN,
    '#',
    ...wrapped('Types', `${SHARED_TYPES.join(', ')}`),
    `#   from npm ${FEATURE_PACKAGE}@${sources.feature.version},`,
    `#   file ${FEATURE_FILE}`,
    `#   sha256 ${sources.feature.sha256}`,
    ...wrapped('Types', `${SAMPLE_TYPES.map((t) => t.name).join(', ')}`),
    `#   from npm ${SAMPLE_PACKAGE}@${sources.sampleProvenance.version},`,
    `#   file ${SAMPLE_FILE}`,
    `#   sha256 ${sources.sampleProvenance.sha256}`,
    "#   (TypeScript generated from a real org's schema, read back into GraphQL; IdOperators is",
    '#   IDOperators, see TS_TO_GRAPHQL in the script; the object inputs are pruned to the fields',
    '#   the fake org implements, JoinInput to Contact).',
    `# Licence of both: "${EXPECTED_LICENCE}", Salesforce's Terms of Use. Only facts of the`,
    '# interface are taken (names, fields, types, enum values), printed by graphql-js: see the script.',
    '',
    definitions.map(([, text]) => text).join('\n\n'),
    '',
    END,
  ].join('\n');
}

/** `# <lead> a, b, c` wrapped at 100 columns. */
function wrapped(lead: string, text: string): string[] {
  const lines: string[] = [];
  let line = `# ${lead}`;
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > 100) {
      lines.push(line);
      line = '#  ';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}

/** schema.graphql with its block replaced. */
export function replaceBlock(schemaText: string, block: string): string {
  const from = schemaText.indexOf(BEGIN);
  const to = schemaText.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${SCHEMA} has no ${BEGIN.slice(0, 40)}… / ${END} markers`);
  return schemaText.slice(0, from) + block + schemaText.slice(to + END.length);
}

/**
 * The checks on the result: it builds, the operations validate against it, and every value
 * wrapper of `type Contact` / `type Account` matches the org's filter operators for that field.
 */
export function checkSchema(schemaText: string, operations: string, sample: string): void {
  const schema = buildSchema(schemaText);
  const errors = validate(schema, parse(operations));
  if (errors.length > 0) throw new Error(`operations do not validate: ${errors.map((e) => e.message).join('; ')}`);
  for (const object of ['Contact', 'Account']) {
    const type = schema.getType(object) as GraphQLNamedType | undefined;
    if (!type || !isObjectType(type)) throw new Error(`schema.graphql has no type ${object}`);
    const filter = new Map(sampleFields(sample, `${object}_Filter`).map((f) => [f.name, f.type]));
    for (const field of Object.values(type.getFields())) {
      const wrapper = field.type.toString();
      if (!wrapper.endsWith('Value')) continue;
      const operators = filter.get(field.name);
      if (operators === undefined) throw new Error(`the org's ${object}_Filter has no ${field.name}`);
      const expected = WRAPPER_OF_OPERATORS[operators];
      if (expected !== wrapper) throw new Error(`${object}.${field.name} is ${wrapper}, but the org filters it with ${operators}`);
    }
  }
  for (const { name } of SAMPLE_TYPES) {
    if (!isInputObjectType(schema.getType(name))) throw new Error(`${name} is not an input type`);
  }
}

// ---- fetching ----------------------------------------------------------------------------------

interface Options {
  check: boolean;
  featureTarball: string | null;
  sampleTarball: string | null;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { check: false, featureTarball: null, sampleTarball: null };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--check') options.check = true;
    else if (flag === '--feature-tarball') options.featureTarball = value();
    else if (flag === '--sample-tarball') options.sampleTarball = value();
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

/** One file of a package's tarball (fetched with `npm pack` unless given), with its version. */
function readFromPackage(
  work: string,
  name: string,
  version: string,
  file: string,
  tarball: string | null,
): { text: string; version: string; sha256: string } {
  const dir = mkdtempSync(join(work, 'pkg-'));
  let path = tarball;
  if (path === null) {
    // The registry's own client: fetches the tarball without installing anything.
    execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const packed = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (!packed) throw new Error(`npm pack ${name} produced no tarball`);
    path = join(dir, packed);
  }
  execFileSync('tar', ['-xzf', path, '-C', dir, 'package/package.json', `package/${file}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const manifest = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license: string;
  };
  if (manifest.name !== name) throw new Error(`the tarball is ${manifest.name}, not ${name}`);
  if (manifest.license !== EXPECTED_LICENCE)
    throw new Error(`${name}@${manifest.version} is now licensed "${manifest.license}": read it before extracting`);
  const bytes = readFileSync(join(dir, 'package', file));
  return { text: bytes.toString('utf8'), version: manifest.version, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function main(argv: string[]): void {
  const options = parseOptions(argv);
  const work = mkdtempSync(join(tmpdir(), 'salesforce-schema-'));
  try {
    const feature = readFromPackage(work, FEATURE_PACKAGE, FEATURE_VERSION, FEATURE_FILE, options.featureTarball);
    const sample = readFromPackage(work, SAMPLE_PACKAGE, SAMPLE_VERSION, SAMPLE_FILE, options.sampleTarball);
    const current = readFileSync(SCHEMA, 'utf8');
    const block = renderBlock({ shared: feature.text, sample: sample.text, feature, sampleProvenance: sample });
    const next = replaceBlock(current, block);
    checkSchema(next, readFileSync(OPERATIONS, 'utf8'), sample.text);
    if (options.check) {
      if (next !== current) throw new Error(`${SCHEMA} differs from Salesforce's types: run npm run salesforce:schema`);
      console.log(`${SCHEMA} matches ${FEATURE_PACKAGE}@${feature.version} and ${SAMPLE_PACKAGE}@${sample.version}`);
      return;
    }
    writeFileSync(SCHEMA, next);
    console.log(`wrote ${SCHEMA} from ${FEATURE_PACKAGE}@${feature.version} and ${SAMPLE_PACKAGE}@${sample.version}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(`salesforce-schema: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
