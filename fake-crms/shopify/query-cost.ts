/**
 * Shopify's calculated query cost, as documented
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits, "Cost calculation"):
 * a field returning a scalar or enum costs 0, an object 1, and a connection 2 plus, for each of the
 * `first`/`last` objects it may return, the cost of one object and of its own selection. The
 * connection's `pageInfo` and cursors are part of its 2. The requested cost is computed from the
 * document before execution (with the page size asked for); the actual cost with the number of
 * objects returned. Mutations and Shopify's per-field exceptions are not modelled.
 */

import {
  getArgumentValues,
  getNamedType,
  isLeafType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

interface CostContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Returned objects per connection path (actual cost); absent for the requested cost. */
  returned?: (path: string) => number | undefined;
}

function isConnection(type: GraphQLObjectType): boolean {
  return type.name.endsWith('Connection') && 'pageInfo' in type.getFields();
}

function selectionCost(parent: GraphQLObjectType, selectionSet: SelectionSetNode, path: string, ctx: CostContext): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
      const node = selection.kind === Kind.INLINE_FRAGMENT ? selection : ctx.fragments[selection.name.value];
      if (node === undefined) continue;
      const condition = node.typeCondition ? ctx.schema.getType(node.typeCondition.name.value) : parent;
      if (isObjectType(condition)) cost += selectionCost(condition, node.selectionSet, path, ctx);
      continue;
    }
    const def = parent.getFields()[selection.name.value];
    if (def === undefined || !selection.selectionSet) continue;
    const type = getNamedType(def.type);
    if (isLeafType(type) || !isObjectType(type)) continue;
    const fieldPath = `${path}/${selection.alias?.value ?? selection.name.value}`;
    if (!isConnection(type)) {
      cost += 1 + selectionCost(type, selection.selectionSet, fieldPath, ctx);
      continue;
    }
    const args = getArgumentValues(def, selection, ctx.variables);
    const size = ctx.returned?.(fieldPath) ?? Number(args['first'] ?? args['last'] ?? 0);
    cost += 2 + size * nodeCost(type, selection.selectionSet, fieldPath, ctx);
  }
  return cost;
}

/** The cost of one object of a connection: `nodes { … }` or `edges { node { … } }`, whichever costs more. */
function nodeCost(connection: GraphQLObjectType, selectionSet: SelectionSetNode, path: string, ctx: CostContext): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
    const def = connection.getFields()[selection.name.value];
    const type = def && getNamedType(def.type);
    if (!isObjectType(type)) continue;
    if (selection.name.value === 'nodes') {
      cost = Math.max(cost, 1 + selectionCost(type, selection.selectionSet, path, ctx));
    } else if (selection.name.value === 'edges') {
      for (const edgeField of selection.selectionSet.selections) {
        if (edgeField.kind !== Kind.FIELD || edgeField.name.value !== 'node' || !edgeField.selectionSet) continue;
        const nodeType = getNamedType(type.getFields()['node']!.type);
        if (isObjectType(nodeType)) cost = Math.max(cost, 1 + selectionCost(nodeType, edgeField.selectionSet, path, ctx));
      }
    }
  }
  return cost;
}

export interface QueryCostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** The requested cost: every connection returning as many objects as it asks for. */
export function requestedQueryCost(input: QueryCostInput): number {
  const root = input.schema.getQueryType();
  if (!root || input.operation.operation !== 'query') return 0;
  return selectionCost(root, input.operation.selectionSet, '', { ...input });
}

/** The actual cost: connections counted with the objects they returned (by response path). */
export function actualQueryCost(input: QueryCostInput, returned: (path: string) => number | undefined): number {
  const root = input.schema.getQueryType();
  if (!root || input.operation.operation !== 'query') return 0;
  return selectionCost(root, input.operation.selectionSet, '', { ...input, returned });
}
