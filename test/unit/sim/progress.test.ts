import { expect } from 'chai';
import { createProgress, formatProgressLine } from '../../../src/sim/progress.js';
import type { PageProgress } from '../../../src/sim/run-sync.js';

function fakeStream(columns?: number) {
  const chunks: string[] = [];
  return { chunks, columns, write: (s: string) => chunks.push(s) };
}

const page = (n: number, contacts: number): PageProgress => ({
  page: n,
  status: 200,
  contactsOnPage: 0,
  contacts,
  uniqueContacts: contacts,
  latencyMs: 1,
  elapsedMs: 0,
});

describe('sim progress', () => {
  it('when formatting, then the line shows pages, contacts, rate and elapsed time', () => {
    expect(formatProgressLine({ pages: 4, contacts: 200 }, 2000)).to.equal(
      'talkdesk-sync-sim: 4 page(s), 200 contact(s), 100 contacts/s, 2.0 s elapsed',
    );
  });

  it('when stderr is not a terminal, then plain lines are written at most once per interval', () => {
    let clock = 0;
    const stream = fakeStream();
    const progress = createProgress({ stream, mode: 'lines', intervalMs: 1000, now: () => clock });
    progress.start();
    clock = 500;
    progress.onPage(page(1, 10));
    clock = 1200;
    progress.onPage(page(2, 20));
    clock = 1500;
    progress.onPage(page(3, 30));
    progress.stop();
    expect(stream.chunks).to.deep.equal(['talkdesk-sync-sim: 2 page(s), 20 contact(s), 17 contacts/s, 1.2 s elapsed\n']);
  });

  it('when stderr is a terminal, then one line is redrawn with \\r and ended with a newline', () => {
    let clock = 0;
    const stream = fakeStream(40);
    const progress = createProgress({ stream, mode: 'tty', now: () => clock, redrawMs: 60_000 });
    progress.start();
    clock = 200;
    progress.onPage(page(1, 5));
    clock = 250;
    progress.onPage(page(2, 9));
    progress.stop();
    progress.stop();
    expect(stream.chunks).to.have.length(3);
    expect(stream.chunks[0]!.startsWith('\r')).to.equal(true);
    expect(stream.chunks[1]).to.contain('\x1b[K');
    expect(stream.chunks[1]!.replace('\r', '').replace('\x1b[K', '').length).to.be.at.most(39);
    expect(stream.chunks[2]).to.equal('\n');
  });

  it('when quiet, then nothing is written', () => {
    const stream = fakeStream();
    const progress = createProgress({ stream, mode: 'off', intervalMs: 0 });
    progress.start();
    progress.onPage(page(1, 1));
    progress.stop();
    expect(stream.chunks).to.deep.equal([]);
  });
});
