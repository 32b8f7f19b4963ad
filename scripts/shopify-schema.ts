/**
 * Regenerates graphql/shopify/schema.graphql: Shopify's published Admin GraphQL schema, pruned to
 * what graphql/shopify/operations.graphql uses, with its provenance in a header comment.
 *
 *   npm run shopify:schema -- --version 2026-07 [--package-version 1.16.0] [--tarball file.tgz]
 *
 * Shopify publishes no SDL file, but its npm package @shopify/dev-mcp (ISC licence) ships the
 * Admin API introspection result per API version as dist/data/admin_<version>.json.gz. That
 * package pulls a very large dependency tree, so it is never installed: `npm pack` fetches its
 * tarball only, and the one file is extracted from it. Pinning the package version keeps the
 * output reproducible; `--tarball` uses a tarball already on disk (offline).
 *
 * Pruning keeps, transitively:
 * - the root fields and, on every object type, the fields the operations select;
 * - every argument of a kept field, with its input object types (all their fields), enums (all
 *   their values) and scalars, so that the fake Shopify accepts what the real one accepts there;
 * - descriptions and deprecations as Shopify wrote them.
 * Interfaces the operations do not select through are dropped, and the `implements` clauses
 * naming them with them. A selection through an interface or union is refused (not needed yet).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  buildClientSchema,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  lexicographicSortSchema,
  parse,
  printSchema,
  specifiedDirectives,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLNamedType,
  type GraphQLType,
  type IntrospectionQuery,
} from 'graphql';

export const PACKAGE_NAME = '@shopify/dev-mcp';
/** The package version the committed schema was taken from; bump it to follow Shopify. */
export const DEFAULT_PACKAGE_VERSION = '1.16.0';

const ROOT = join(import.meta.dirname, '..');
const OPERATIONS = join(ROOT, 'graphql', 'shopify', 'operations.graphql');
const OUTPUT = join(ROOT, 'graphql', 'shopify', 'schema.graphql');

/** The field names the operations select, per object type name. */
function selectedFields(schema: GraphQLSchema, operations: DocumentNode): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  const typeInfo = new TypeInfo(schema);
  visit(
    operations,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (node.name.value.startsWith('__')) return;
        if (!parent || !typeInfo.getFieldDef()) throw new Error(`unknown field ${node.name.value}`);
        if (!isObjectType(parent)) throw new Error(`selection through ${parent.name}: interfaces and unions are not supported`);
        let fields = used.get(parent.name);
        if (!fields) used.set(parent.name, (fields = new Set()));
        fields.add(node.name.value);
      },
    }),
  );
  return used;
}

/**
 * A schema holding only what `operations` needs from `full`. Throws when an operation does not
 * validate against `full`, so a stale operation cannot produce a schema at all.
 */
export function pruneSchema(full: GraphQLSchema, operations: DocumentNode): GraphQLSchema {
  const errors = validate(full, operations);
  if (errors.length > 0) throw new Error(`operations do not validate against the full schema:\n${errors.map((e) => e.message).join('\n')}`);
  const used = selectedFields(full, operations);
  const built = new Map<string, GraphQLNamedType>();

  const args = (list: readonly GraphQLArgument[]): GraphQLFieldConfigArgumentMap =>
    Object.fromEntries(
      list.map((a) => [
        a.name,
        { type: wrap(a.type) as never, description: a.description, defaultValue: a.defaultValue, deprecationReason: a.deprecationReason },
      ]),
    );

  function wrap(type: GraphQLType): GraphQLType {
    if (isNonNullType(type)) return new GraphQLNonNull(wrap(type.ofType));
    if (isListType(type)) return new GraphQLList(wrap(type.ofType));
    return named(type);
  }

  function named(type: GraphQLNamedType): GraphQLNamedType {
    if (isScalarType(type) && isSpecifiedScalarType(type)) return type;
    const existing = built.get(type.name);
    if (existing) return existing;
    let copy: GraphQLNamedType;
    if (isScalarType(type)) {
      copy = new GraphQLScalarType({ name: type.name, description: type.description, specifiedByURL: type.specifiedByURL });
    } else if (isEnumType(type)) {
      copy = new GraphQLEnumType({
        name: type.name,
        description: type.description,
        values: Object.fromEntries(
          type.getValues().map((v) => [v.name, { value: v.value, description: v.description, deprecationReason: v.deprecationReason }]),
        ),
      });
    } else if (isInputObjectType(type)) {
      copy = new GraphQLInputObjectType({
        name: type.name,
        description: type.description,
        isOneOf: type.isOneOf,
        fields: () =>
          Object.fromEntries(
            Object.values(type.getFields()).map((f) => [
              f.name,
              {
                type: wrap(f.type) as never,
                description: f.description,
                defaultValue: f.defaultValue,
                deprecationReason: f.deprecationReason,
              },
            ]),
          ),
      });
    } else if (isObjectType(type)) {
      const names = used.get(type.name);
      if (!names) throw new Error(`${type.name} is reachable but no field of it is selected`);
      const fields = type.getFields();
      copy = new GraphQLObjectType({
        name: type.name,
        description: type.description,
        fields: () =>
          Object.fromEntries(
            [...names].map((name) => {
              const f = fields[name]!;
              return [
                name,
                { type: wrap(f.type) as never, args: args(f.args), description: f.description, deprecationReason: f.deprecationReason },
              ];
            }),
          ),
      });
    } else {
      throw new Error(`${type.name}: interfaces and unions are not supported by the pruner`);
    }
    built.set(type.name, copy);
    return copy;
  }

  const query = full.getQueryType();
  if (!query) throw new Error('the schema has no query type');
  const pruned = new GraphQLSchema({ query: named(query) as GraphQLObjectType, directives: specifiedDirectives });
  const prunedErrors = validate(pruned, operations);
  if (prunedErrors.length > 0) throw new Error(`pruning broke the operations:\n${prunedErrors.map((e) => e.message).join('\n')}`);
  return lexicographicSortSchema(pruned);
}

export interface Provenance {
  packageName: string;
  packageVersion: string;
  licence: string;
  licenceText: string;
  file: string;
  fileSha256: string;
  apiVersion: string;
  /** YYYY-MM-DD */
  retrieved: string;
}

/** The committed file: provenance header (with the licence notice ISC requires), then the SDL. */
export function renderSchemaFile(schema: GraphQLSchema, p: Provenance): string {
  const licence = p.licenceText
    .trim()
    .split('\n')
    .map((line) => (line.trim() === '' ? '#' : `#   ${line.trim()}`));
  const header = [
    `# Shopify Admin GraphQL API ${p.apiVersion}: the subset this bridge uses, pruned from Shopify's published schema.`,
    '# Generated by scripts/shopify-schema.ts (npm run shopify:schema); do not edit by hand.',
    '#',
    `# Source:    npm package ${p.packageName}@${p.packageVersion}, file ${p.file}`,
    `#            (an introspection result; sha256 ${p.fileSha256})`,
    `# Retrieved: ${p.retrieved}`,
    `# Licence:   ${p.licence}, as the package states it:`,
    '#',
    ...licence,
    '#',
    '# Pruned to what graphql/shopify/operations.graphql uses: the selected fields of each object type,',
    '# every argument of those fields with its input, enum and scalar types (enums keep all values).',
    '# Interfaces the operations do not use are left out, with the `implements` clauses naming them.',
    '# Descriptions and deprecations are Shopify’s own.',
    '',
  ];
  return `${header.join('\n')}\n${printSchema(schema)}\n`;
}

interface Options {
  apiVersion: string;
  packageVersion: string;
  tarball: string | null;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { apiVersion: '', packageVersion: DEFAULT_PACKAGE_VERSION, tarball: null };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--version') options.apiVersion = value();
    else if (flag === '--package-version') options.packageVersion = value();
    else if (flag === '--tarball') options.tarball = value();
    else throw new Error(`unknown option ${flag}`);
  }
  if (!/^\d{4}-\d{2}$/.test(options.apiVersion)) throw new Error('--version YYYY-MM is required, e.g. --version 2026-07');
  return options;
}

function main(argv: string[]): void {
  const options = parseOptions(argv);
  const work = mkdtempSync(join(tmpdir(), 'shopify-schema-'));
  try {
    let tarball = options.tarball;
    if (tarball === null) {
      // The registry's own client: fetches the tarball without installing anything.
      execFileSync('npm', ['pack', `${PACKAGE_NAME}@${options.packageVersion}`, '--pack-destination', work, '--silent'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const packed = readdirSync(work).find((f) => f.endsWith('.tgz'));
      if (!packed) throw new Error('npm pack produced no tarball');
      tarball = join(work, packed);
    }
    const file = `dist/data/admin_${options.apiVersion}.json.gz`;
    try {
      execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/package.json', 'package/LICENSE', `package/${file}`], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch {
      throw new Error(`${tarball} has no ${file}: is ${options.apiVersion} a version that package ships?`);
    }
    const manifest = JSON.parse(readFileSync(join(work, 'package', 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license: string;
    };
    if (manifest.name !== PACKAGE_NAME) throw new Error(`the tarball is ${manifest.name}, not ${PACKAGE_NAME}`);
    // Committing a derived copy is fine under ISC with its notice; anything else needs a fresh look.
    if (manifest.license !== 'ISC') throw new Error(`${PACKAGE_NAME}@${manifest.version} is now licensed ${manifest.license}, not ISC`);

    const gz = readFileSync(join(work, 'package', file));
    const introspection = JSON.parse(gunzipSync(gz).toString('utf8')) as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
    const full = buildClientSchema(introspection.data ?? (introspection as IntrospectionQuery));
    const pruned = pruneSchema(full, parse(readFileSync(OPERATIONS, 'utf8')));
    const text = renderSchemaFile(pruned, {
      packageName: manifest.name,
      packageVersion: manifest.version,
      licence: manifest.license,
      licenceText: readFileSync(join(work, 'package', 'LICENSE'), 'utf8'),
      file,
      fileSha256: createHash('sha256').update(gz).digest('hex'),
      apiVersion: options.apiVersion,
      retrieved: new Date().toISOString().slice(0, 10),
    });
    writeFileSync(OUTPUT, text);
    const kept = pruned.toConfig().types.filter((t) => !t.name.startsWith('__') && !(isScalarType(t) && isSpecifiedScalarType(t)));
    console.log(`wrote ${OUTPUT} (${kept.length} types) from ${manifest.name}@${manifest.version} ${file}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(`shopify-schema: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
