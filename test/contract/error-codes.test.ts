import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STATUS_BY_CODE } from '../../src/http/error-handler.js';
import { compileAllSchemas, schemasDir } from '../../src/validation/validators.js';

describe('published schemas', () => {
  it('when the bridge starts, then every schema in schemas/ compiles', () => {
    expect(() => compileAllSchemas()).not.to.throw();
  });

  it('when an error code exists in the code, then the error schema documents it, and the other way round', () => {
    const schema = JSON.parse(readFileSync(join(schemasDir, 'error.schema.json'), 'utf8'));
    const documented: string[] = schema.properties.error.properties.code.enum;
    expect([...documented].sort()).to.deep.equal(Object.keys(STATUS_BY_CODE).sort());
  });

  it('when an error code exists, then the README error table lists it with its status', () => {
    const readme = readFileSync(join(schemasDir, '..', 'README.md'), 'utf8');
    for (const [code, status] of Object.entries(STATUS_BY_CODE)) {
      expect(readme, code).to.match(new RegExp(`\\| ${status} \\| \`${code}\` \\|`));
    }
  });
});
