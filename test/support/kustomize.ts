import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The part of `kustomize build` the kit uses, for checking it where no kustomize binary exists:
 * resources (files and bases), `namespace`, `labels` (with includeSelectors), `images`, and
 * JSON 6902 `patches` with a target. Anything else in a kustomization is refused, so a field the
 * kit starts using cannot be silently skipped here. Field paths follow kustomize's built-in
 * field specs (api/internal/konfig/builtinpluginconsts: commonlabels.go, namespace.go, images.go).
 */
export type Resource = Record<string, any>;

const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'patches']);
const CLUSTER_SCOPED = new Set(['Namespace']);

export function kustomizeBuild(dir: string): Resource[] {
  const k = readYaml(join(dir, 'kustomization.yaml'))[0] as Resource;
  if (k['apiVersion'] !== 'kustomize.config.k8s.io/v1beta1' || k['kind'] !== 'Kustomization') {
    throw new Error(`${dir}: not a kustomize.config.k8s.io/v1beta1 Kustomization`);
  }
  for (const key of Object.keys(k))
    if (!KNOWN_FIELDS.has(key)) throw new Error(`${dir}: kustomization field ${key} is not checked by this test`);

  let resources: Resource[] = [];
  for (const entry of (k['resources'] ?? []) as string[]) {
    const path = join(dir, entry);
    resources.push(...(statSync(path).isDirectory() ? kustomizeBuild(path) : readYaml(path)));
  }
  const ids = resources.map((r) => `${r['kind']}/${r['metadata']?.['name']}`);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`${dir}: ${duplicate} defined twice`);

  for (const patch of (k['patches'] ?? []) as Array<{ path: string; target: Record<string, string> }>) {
    const ops = readYaml(join(dir, patch.path))[0] as JsonPatchOp[];
    const targets = resources.filter((r) => matches(r, patch.target));
    if (targets.length === 0) throw new Error(`${dir}: patch ${patch.path} matches no resource`);
    resources = resources.map((r) => (targets.includes(r) ? applyJsonPatch(r, ops) : r));
  }
  for (const { pairs, includeSelectors } of (k['labels'] ?? []) as Array<{ pairs: Record<string, string>; includeSelectors?: boolean }>) {
    for (const r of resources) addLabels(r, pairs, includeSelectors === true);
  }
  for (const image of (k['images'] ?? []) as Array<{ name: string; newName?: string; newTag?: string }>) {
    let used = false;
    for (const c of resources.flatMap(containersOf)) {
      const [name, tag] = splitImage(c['image'] as string);
      if (name !== image.name) continue;
      used = true;
      c['image'] = `${image.newName ?? name}${image.newTag ? `:${image.newTag}` : tag ? `:${tag}` : ''}`;
    }
    if (!used) throw new Error(`${dir}: image ${image.name} is used by no container`);
  }
  if (typeof k['namespace'] === 'string') {
    for (const r of resources) {
      if (CLUSTER_SCOPED.has(r['kind'])) {
        if (r['kind'] === 'Namespace') r['metadata']['name'] = k['namespace'];
      } else {
        r['metadata']['namespace'] = k['namespace'];
      }
    }
  }
  return resources;
}

function readYaml(path: string): Resource[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
    return doc.toJS() as Resource;
  });
}

function matches(r: Resource, target: Record<string, string>): boolean {
  const [group, version] = String(r['apiVersion']).includes('/') ? String(r['apiVersion']).split('/') : ['', r['apiVersion']];
  return (
    (target['kind'] === undefined || target['kind'] === r['kind']) &&
    (target['name'] === undefined || target['name'] === r['metadata']?.['name']) &&
    (target['group'] === undefined || target['group'] === group) &&
    (target['version'] === undefined || target['version'] === version)
  );
}

interface JsonPatchOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

/** RFC 6902 add, replace and remove (the operations the kit uses); others are refused. */
export function applyJsonPatch(doc: Resource, ops: JsonPatchOp[]): Resource {
  const out = structuredClone(doc);
  for (const op of ops) {
    const keys = op.path
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    if (last === undefined) throw new Error(`patch path ${op.path} is the whole document`);
    let parent: any = out;
    for (const key of keys) {
      parent = parent?.[Array.isArray(parent) ? Number(key) : key];
      if (parent === undefined) throw new Error(`patch path ${op.path}: ${key} does not exist`);
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length) throw new Error(`patch path ${op.path}: bad index`);
      if (op.op === 'add') parent.splice(index, 0, op.value);
      else if (op.op === 'replace' && index < parent.length) parent[index] = op.value;
      else if (op.op === 'remove' && index < parent.length) parent.splice(index, 1);
      else throw new Error(`patch ${op.op} ${op.path}: no such element`);
    } else {
      if (op.op !== 'add' && !(last in parent)) throw new Error(`patch ${op.op} ${op.path}: no such member`);
      if (op.op === 'remove') delete parent[last];
      else if (op.op === 'add' || op.op === 'replace') parent[last] = op.value;
      else throw new Error(`patch op ${String(op.op)} is not supported`);
    }
  }
  return out;
}

function addLabels(r: Resource, pairs: Record<string, string>, includeSelectors: boolean): void {
  const merge = (obj: Resource, key: string): void => {
    obj[key] = { ...(obj[key] ?? {}), ...pairs };
  };
  r['metadata'] ??= {};
  merge(r['metadata'], 'labels');
  if (!includeSelectors) return;
  const spec = r['spec'] as Resource | undefined;
  if (!spec) return;
  if (r['kind'] === 'Service') merge(spec, 'selector');
  if (r['kind'] === 'Deployment') {
    merge(spec['selector'], 'matchLabels');
    spec['template']['metadata'] ??= {};
    merge(spec['template']['metadata'], 'labels');
  }
  if (r['kind'] === 'PodDisruptionBudget') merge(spec['selector'], 'matchLabels');
}

function containersOf(r: Resource): Resource[] {
  const pod = r['spec']?.['template']?.['spec'];
  return pod ? [...(pod['initContainers'] ?? []), ...(pod['containers'] ?? [])] : [];
}

function splitImage(image: string): [string, string | undefined] {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? [image.slice(0, at), image.slice(at + 1)] : [image, undefined];
}
