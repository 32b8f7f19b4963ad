import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { projectRoot } from '../../src/project-root.js';

/**
 * The documentation is a README front door and pages in docs/ that link to each other and to the
 * code. A moved file or a renamed heading breaks those links silently; these tests make it loud.
 */

const documents = [
  'README.md',
  ...readdirSync(join(projectRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** Markdown without fenced code blocks, so that examples are not read as links or headings. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, text] of prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = text!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Every `[text](target)` outside code, with inline code spans removed first. */
function linksOf(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
}

describe('documentation links', () => {
  it('when README.md or a docs/ page links to a file or heading of this repository, then it exists', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const document of documents) {
      const source = join(projectRoot, document);
      for (const link of linksOf(readFileSync(source, 'utf8'))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:: not ours to check offline
        checked += 1;
        const hash = link.indexOf('#');
        const path = decodeURIComponent(hash === -1 ? link : link.slice(0, hash));
        const anchor = hash === -1 ? '' : decodeURIComponent(link.slice(hash + 1));
        const target = path === '' ? source : join(dirname(source), path);
        if (!existsSync(target)) {
          broken.push(`${document}: ${link} (no file ${relative(projectRoot, target)})`);
        } else if (anchor !== '' && statSync(target).isFile() && target.endsWith('.md') && !anchorsOf(target).has(anchor)) {
          broken.push(`${document}: ${link} (no heading #${anchor} in ${relative(projectRoot, target)})`);
        }
      }
    }
    expect(checked, 'relative links found').to.be.above(20);
    expect(broken).to.deep.equal([]);
  });

  it('when a page exists in docs/, then the README links to it', () => {
    const readmeLinks = new Set(linksOf(readFileSync(join(projectRoot, 'README.md'), 'utf8')).map((link) => link.split('#')[0]));
    const unlinked = documents.filter((document) => document !== 'README.md' && !readmeLinks.has(document));
    expect(unlinked).to.deep.equal([]);
  });
});
