import { expect } from 'chai';
import { CURRENT_PAGE_SIZE, shapeFromIntrospection, V053_PAGE_SIZE } from '../../../../src/connectors/twenty/server-shape.js';

const scalar = (name: string) => ({ kind: 'SCALAR', name, ofType: null });
const listOf = (inner: unknown) => ({ kind: 'LIST', name: null, ofType: { kind: 'NON_NULL', name: null, ofType: inner } });
const group = (field: string, type: unknown) => ({ fields: [{ name: field, type }] });
const person = (...names: string[]) => ({ fields: names.map((name) => ({ name })) });
const ALL = ['id', 'name', 'emails', 'phones', 'jobTitle', 'city', 'avatarUrl', 'linkedinLink', 'xLink', 'company', 'updatedAt'];

describe('shapeFromIntrospection (Twenty)', () => {
  it('when both additional fields are RawJSONScalar, then the v0.53 selection with pages of 60', () => {
    const shape = shapeFromIntrospection({
      emails: group('additionalEmails', scalar('RawJSONScalar')),
      phones: group('additionalPhones', scalar('RawJSONScalar')),
      person: person(...ALL),
    });
    expect(shape).to.deep.equal({ additional: 'raw-json', missingPersonFields: [], pageSize: V053_PAGE_SIZE, pageCap: null });
  });

  it('when they are [String!] and [AdditionalPhone!], then the typed selection with pages of 200', () => {
    const shape = shapeFromIntrospection({
      emails: group('additionalEmails', listOf(scalar('String'))),
      phones: group('additionalPhones', listOf({ kind: 'OBJECT', name: 'AdditionalPhone', ofType: null })),
      person: person(...ALL),
    });
    expect(shape).to.deep.equal({ additional: 'typed', missingPersonFields: [], pageSize: CURRENT_PAGE_SIZE, pageCap: null });
  });

  it('when Person lacks avatarUrl, then it is listed as missing (left out of the selection)', () => {
    const shape = shapeFromIntrospection({
      emails: group('additionalEmails', listOf(scalar('String'))),
      phones: group('additionalPhones', listOf({ kind: 'OBJECT', name: 'AdditionalPhone', ofType: null })),
      person: person(...ALL.filter((f) => f !== 'avatarUrl')),
    });
    expect(shape.missingPersonFields).to.deep.equal(['avatarUrl']);
  });

  const unknown: Array<[string, unknown]> = [
    [
      'the generations are mixed',
      { emails: group('additionalEmails', listOf(scalar('String'))), phones: group('additionalPhones', scalar('RawJSONScalar')) },
    ],
    ['a type is of another kind', { emails: group('additionalEmails', scalar('JSON')), phones: group('additionalPhones', scalar('JSON')) }],
    ['the fields are absent', { emails: { fields: [] }, phones: { fields: [] } }],
    ['the types are absent', { emails: null, phones: null, person: null }],
    ['the answer is junk', 'nope'],
  ];
  for (const [why, data] of unknown) {
    it(`when ${why}, then the primary-only selection with pages of 60`, () => {
      const shape = shapeFromIntrospection(data);
      expect(shape.additional).to.equal('primary-only');
      expect(shape.pageSize).to.equal(V053_PAGE_SIZE);
    });
  }
});
