import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { projectRoot } from '../../src/project-root.js';

const read = (file: string): string => readFileSync(join(projectRoot, file), 'utf8');

/** The variables config.ts reads, found in its source, so a new one cannot go undocumented. */
const variables = [
  ...new Set([...read('src/config.ts').matchAll(/(?:int|bool|text)\(env, '([A-Z_]+)'|env\['([A-Z_]+)'\]/g)].map((m) => m[1] ?? m[2])),
];

describe('configuration documentation', () => {
  it('when config.ts reads a variable, then the README table and .env.example list it', () => {
    expect(variables.length).to.be.above(10);
    const readme = read('README.md');
    const example = read('.env.example');
    for (const name of variables) {
      expect(readme, `README: ${name}`).to.match(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
      expect(example, `.env.example: ${name}`).to.match(new RegExp(`^${name}=`, 'm'));
    }
  });

  it('when .env.example is loaded as the environment, then it is valid and equals the defaults', () => {
    const env: Record<string, string> = {};
    for (const line of read('.env.example').split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line);
      if (m) env[m[1]!] = m[2]!;
    }
    expect(loadConfig(env)).to.deep.equal(loadConfig({}));
  });
});
