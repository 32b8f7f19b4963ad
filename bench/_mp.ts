import { readFileSync } from 'node:fs';
import { toTalkdeskContact, type TwentyPersonNode } from '../src/connectors/twenty/to-talkdesk-contact.js';
const page = JSON.parse(readFileSync('/tmp/exp/page200.json', 'utf8'));
const nodes: TwentyPersonNode[] = page.data.people.edges.map((e: { node: TwentyPersonNode }) => e.node);
const links = { appUrl: 'http://127.0.0.1:3000' };
const t0 = Date.now();
let n = 0;
while (Date.now() - t0 < Number(process.env.SECS ?? 6) * 1000) {
  for (const node of nodes) toTalkdeskContact(node, links);
  n++;
}
console.log('µs/contact', (((Date.now() - t0) * 1000) / (n * nodes.length)).toFixed(2));
