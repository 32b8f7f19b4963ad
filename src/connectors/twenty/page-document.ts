import { Kind, print, type DocumentNode, type FieldNode } from 'graphql';
import {
  TwentyPeoplePageDocument,
  TwentyPeoplePagePrimaryOnlyDocument,
  type TwentyPeoplePagePrimaryOnlyQuery,
  type TwentyPeoplePageQuery,
} from '../../generated/twenty/graphql.js';
import { TwentyPeoplePageV053Document, type TwentyPeoplePageV053Query } from '../../generated/twenty-v0.53/graphql.js';
import type { OptionalPersonField, ServerShape } from './server-shape.js';

/** The answer of any of the three page operations (same variables, same connection). */
export type TwentyPeoplePageAnswer = TwentyPeoplePageQuery | TwentyPeoplePageV053Query | TwentyPeoplePagePrimaryOnlyQuery;

const DOCUMENTS: Record<ServerShape['additional'], DocumentNode> = {
  typed: TwentyPeoplePageDocument,
  'raw-json': TwentyPeoplePageV053Document,
  'primary-only': TwentyPeoplePagePrimaryOnlyDocument,
};

/** Printed once per selection: graphql-request would print the AST on every call. */
const printed = new Map<string, string>();

/**
 * The page operation for a server of this shape, printed, without the optional Person fields it
 * does not serve. Those fields are only selected in the shared fragment TwentyPersonCore
 * (graphql/twenty/person-core.graphql), at its top level; their generated types are nullable, and
 * the mapper reads a field that is absent as null.
 */
export function pageDocument(shape: ServerShape): string {
  const key = `${shape.additional}|${shape.missingPersonFields.join(',')}`;
  let text = printed.get(key);
  if (text === undefined) {
    text = print(withoutPersonFields(DOCUMENTS[shape.additional], new Set(shape.missingPersonFields)));
    printed.set(key, text);
  }
  return text;
}

function withoutPersonFields(document: DocumentNode, missing: ReadonlySet<OptionalPersonField>): DocumentNode {
  if (missing.size === 0) return document;
  return {
    ...document,
    definitions: document.definitions.map((definition) => {
      if (definition.kind !== Kind.FRAGMENT_DEFINITION || definition.name.value !== 'TwentyPersonCore') return definition;
      const selections = definition.selectionSet.selections.filter(
        (s) => s.kind !== Kind.FIELD || !missing.has((s as FieldNode).name.value as OptionalPersonField),
      );
      return { ...definition, selectionSet: { ...definition.selectionSet, selections } };
    }),
  };
}
