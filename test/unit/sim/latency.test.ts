import { expect } from 'chai';
import { summarizeLatency } from '../../../src/sim/latency.js';

describe('summarizeLatency', () => {
  it('when there are no samples, then every figure is null', () => {
    expect(summarizeLatency([])).to.deep.equal({ p50: null, p95: null, max: null });
  });

  it('when there are samples, then nearest-rank percentiles return observed values', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLatency(samples)).to.deep.equal({ p50: 50, p95: 95, max: 100 });
    expect(summarizeLatency([7])).to.deep.equal({ p50: 7, p95: 7, max: 7 });
    expect(summarizeLatency([1, 2, 3])).to.deep.equal({ p50: 2, p95: 3, max: 3 });
  });
});
