import { expect } from 'chai';
import { checkCheckpoint, checkContentType, checkNextOffset, checkResponseBody, jsonType } from '../../../src/sim/checks.js';
import { contact } from '../../support/stub-bridge.js';

describe('sim checks', () => {
  describe('checkContentType', () => {
    it('when the type is application/json with or without parameters, then it passes', () => {
      expect(checkContentType('application/json')).to.equal(null);
      expect(checkContentType('Application/JSON; charset=utf-8')).to.equal(null);
    });

    it('when the type is missing or another media type, then content_type is reported', () => {
      expect(checkContentType(null)).to.include({ kind: 'content_type' });
      expect(checkContentType('text/plain; charset=utf-8')!.message).to.contain('text/plain');
      expect(checkContentType('application/json-seq')).to.include({ kind: 'content_type' });
    });
  });

  describe('checkCheckpoint', () => {
    it('when the checkpoint is absent or null, then missing_checkpoint', () => {
      expect(checkCheckpoint(undefined, null)).to.include({ kind: 'missing_checkpoint' });
      expect(checkCheckpoint(null, 'string')).to.include({ kind: 'missing_checkpoint' });
    });

    it('when the checkpoint is blank, then empty_checkpoint', () => {
      expect(checkCheckpoint('', null)).to.include({ kind: 'empty_checkpoint' });
      expect(checkCheckpoint(' \t', 'string')).to.include({ kind: 'empty_checkpoint' });
    });

    it('when the type differs from the previous checkpoint, then checkpoint_type_changed names both types', () => {
      expect(checkCheckpoint(5, 'string')!.message).to.contain('from string to number');
      expect(checkCheckpoint(['a'], 'object')!.message).to.contain('from object to array');
    });

    it('when there is no previous checkpoint, then a non-string is left to the schema', () => {
      expect(checkCheckpoint(5, null)).to.equal(null);
      expect(checkCheckpoint('cp', 'string')).to.equal(null);
    });
  });

  describe('checkNextOffset', () => {
    it('when next_offset is absent, null or a non-empty string, then it passes', () => {
      for (const value of [undefined, null, 'o1']) expect(checkNextOffset(value)).to.equal(null);
    });

    it('when next_offset is empty or not a string, then invalid_next_offset', () => {
      expect(checkNextOffset('')!.message).to.contain('an empty string');
      expect(checkNextOffset(3)!.message).to.contain('got number');
      expect(checkNextOffset({})).to.include({ kind: 'invalid_next_offset' });
    });
  });

  describe('checkResponseBody', () => {
    const body = (extra: Record<string, unknown> = {}) => ({ synchronization_checkpoint: 'cp', contacts: [contact('1')], ...extra });

    it('when the body matches talkdesk-bridge/sync-response, then there are no errors', () => {
      expect(checkResponseBody(body({ next_offset: 'o1', context: { any: 1 } }))).to.deep.equal([]);
    });

    it('when the body is not an object, then the schema says so', () => {
      expect(checkResponseBody([1])).to.deep.equal(['response must be object']);
    });

    it('when contacts is missing, then the envelope error is reported', () => {
      expect(checkResponseBody({ synchronization_checkpoint: 'cp' })).to.deep.equal(['response.contacts is required']);
    });

    it('when the envelope and several contacts are wrong, then each is reported with its index', () => {
      const { name: _n, ...nameless } = contact('2');
      const errors = checkResponseBody(body({ next_offset: null, contacts: [contact('1'), nameless, contact('3', { phones: 'x' })] }));
      expect(errors).to.deep.equal([
        'response.next_offset must be string',
        'response.contacts[1].name is required',
        'response.contacts[2].phones must be array',
      ]);
    });

    it('when the checkpoint or next_offset was already reported, then the schema does not report it again', () => {
      expect(checkResponseBody({ contacts: [], next_offset: 7 }, { checkpointReported: true, nextOffsetReported: true })).to.deep.equal([]);
    });
  });

  it('when jsonType is asked about null and arrays, then they are told apart from objects', () => {
    expect([null, [], {}, 'a', 1].map(jsonType)).to.deep.equal(['null', 'array', 'object', 'string', 'number']);
  });
});
