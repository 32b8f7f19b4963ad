import { expect } from 'chai';
import type { Violation } from '../../../src/sim/checks.js';
import { ViolationLog } from '../../../src/sim/violation-log.js';

const v = (page: number, severity: Violation['severity'] = 'error'): Violation => ({ page, kind: 'schema', severity, message: 'm' });

describe('ViolationLog', () => {
  it('when a kind exceeds the limit, then later ones are counted in one summary entry', () => {
    const log = new ViolationLog(2);
    for (let page = 1; page <= 5; page++) log.add(v(page));
    const all = log.toArray();
    expect(all.map((x) => x.page)).to.deep.equal([1, 2, null]);
    expect(all[2]).to.deep.equal({ page: null, kind: 'suppressed', severity: 'error', message: '3 more schema violations not listed' });
  });

  it('when only warnings were recorded, then hasErrors is false', () => {
    const log = new ViolationLog();
    log.add(v(1, 'warning'));
    expect(log.hasErrors()).to.equal(false);
    log.add(v(2));
    expect(log.hasErrors()).to.equal(true);
  });
});
