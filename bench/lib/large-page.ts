/**
 * The large section: one PAGE_SIZE=2000 page of Twenty, bridge and baseline interleaved (latency,
 * CPU, memory, smallest heap), then the 2,000-contact Salesforce page (bench/lib/salesforce-page.ts).
 */
import { recordPage } from './page-breakdown.js';
import { startChild, stopChild, type Child } from './children.js';
import { smallestHeap } from './memory.js';
import { f, line, mb, median, memoryLine } from './report.js';
import { largeSalesforcePage } from './salesforce-page.js';
import { BASELINE_FLAGS, BRIDGE_FLAGS, LARGE_PAGE_REQUESTS, LARGE_PAGE_SIZE } from './settings.js';

export async function largePageSection(
  fake: Child,
  body: string,
  bridgeEnv: (pageSize: number) => Record<string, string>,
  post: (url: string) => Promise<{ status: number; text: string }>,
): Promise<void> {
  line();
  const big = await startChild(
    'bridge (large page)',
    'bench/bridge-child.ts',
    { ...bridgeEnv(LARGE_PAGE_SIZE), BENCH_SAMPLE_PEAK: '1' },
    BRIDGE_FLAGS,
  );
  const bigBefore = await big.stats(true);
  const warm = await post(big.url); // also fills the fake's cache for this query
  const bigCount = warm.status === 200 ? (JSON.parse(warm.text) as { contacts: unknown[] }).contacts.length : 0;
  const bigBaseline = await startChild(
    'baseline (large page)',
    'bench/baseline-proxy.ts',
    { PAGE_SIZE: String(bigCount || LARGE_PAGE_SIZE) },
    BASELINE_FLAGS,
  );
  // Interleaved, so that another tenant's burst of CPU lands on both; CPU per request is the
  // contention-proof figure, latency the one Talkdesk sees.
  const bigTargets = [big, bigBaseline];
  const bigTimes: number[][] = [[], []];
  const bigCpu = [0, 0];
  let bigBytes = [0, 0];
  let bigStatus = [0, 0];
  for (const target of bigTargets) for (let i = 0; i < 3; i++) await post(target.url);
  for (let i = 0; i < LARGE_PAGE_REQUESTS; i++) {
    for (let t = 0; t < 2; t++) {
      const target = bigTargets[t] as Child;
      const cpuBefore = (await target.stats()).cpuUs;
      const t0 = performance.now();
      const answer = await post(target.url);
      (bigTimes[t] as number[]).push(performance.now() - t0);
      bigCpu[t] = (bigCpu[t] as number) + (await target.stats()).cpuUs - cpuBefore;
      bigBytes =
        t === 0 ? [Buffer.byteLength(answer.text), bigBytes[1] as number] : [bigBytes[0] as number, Buffer.byteLength(answer.text)];
      bigStatus = t === 0 ? [answer.status, bigStatus[1] as number] : [bigStatus[0] as number, answer.status];
    }
  }
  const bigBridge = {
    p50: median(bigTimes[0] as number[]),
    max: Math.max(...(bigTimes[0] as number[])),
    cpuMs: (bigCpu[0] as number) / LARGE_PAGE_REQUESTS / 1000,
  };
  const bigBase = {
    p50: median(bigTimes[1] as number[]),
    max: Math.max(...(bigTimes[1] as number[])),
    cpuMs: (bigCpu[1] as number) / LARGE_PAGE_REQUESTS / 1000,
  };
  const bigAfter = await big.stats(false);
  const bigAfterGc = await big.stats(true);
  line(
    `Large page: PAGE_SIZE=${LARGE_PAGE_SIZE} (fake maxPageSize ${LARGE_PAGE_SIZE}), ${LARGE_PAGE_REQUESTS} sequential requests per target, interleaved, after 3 warm-up requests`,
  );
  if (bigCount !== LARGE_PAGE_SIZE) {
    line(
      `  note: the bridge answered ${bigCount} contacts, not ${LARGE_PAGE_SIZE}: the Twenty connector caps PAGE_SIZE at its maxPageSize;`,
    );
    line(`        the baseline was given the same page size (${bigCount}) so both do the same work`);
  }
  line(
    `  bridge    status ${bigStatus[0]}, ${bigCount} contacts, ${mb(bigBytes[0] as number)}  latency p50 ${f(bigBridge.p50)} ms  max ${f(bigBridge.max)} ms  CPU ${f(bigBridge.cpuMs)} ms/req`,
  );
  line(
    `  baseline  status ${bigStatus[1]}, ${mb(bigBytes[1] as number)}  latency p50 ${f(bigBase.p50)} ms  max ${f(bigBase.max)} ms  CPU ${f(bigBase.cpuMs)} ms/req` +
      `  (bridge/baseline: latency ${f(bigBridge.p50 / bigBase.p50)}, CPU ${f(bigBridge.cpuMs / bigBase.cpuMs)})`,
  );
  line(`  ${memoryLine('bridge before', bigBefore)}`);
  line(`  ${memoryLine('bridge after', bigAfter)}  peak heapUsed ${mb(bigAfter.peakHeapUsed ?? 0)}`);
  line(`  ${memoryLine('bridge after GC', bigAfterGc)}`);
  await stopChild(big);
  await stopChild(bigBaseline);
  if (bigCount > 0) {
    const upstreamBytes = Buffer.byteLength(await recordPage(fake.url, bigCount));
    const answers = async (child: Child): Promise<boolean> => {
      const answer = await post(child.url);
      return answer.status === 200 && (JSON.parse(answer.text) as { contacts: unknown[] }).contacts.length === bigCount;
    };
    const heaps = [
      await smallestHeap('bridge', 'bench/bridge-child.ts', bridgeEnv(LARGE_PAGE_SIZE), answers),
      await smallestHeap('baseline', 'bench/baseline-proxy.ts', { PAGE_SIZE: String(bigCount) }, answers),
    ];
    line(
      `  smallest heap serving this page (old generation limit, 1-MB young generation; CRM answer ${mb(upstreamBytes)}, Talkdesk answer ${mb(bigBytes[0] as number)}):`,
    );
    for (const [i, who] of ['bridge', 'baseline'].entries()) {
      const h = heaps[i];
      line(
        h
          ? `  ${who.padEnd(9)} ${h.smallestMb} MB, idle heap ${f(h.idleMb, 1)} MB: the page's working set is at most ${f(h.smallestMb - h.idleMb, 1)} MB, ${f(((h.smallestMb - h.idleMb) * 1048576) / upstreamBytes, 1)}× the CRM answer`
          : `  ${who.padEnd(9)} did not serve the page even with 512 MB`,
      );
    }
  }
  await largeSalesforcePage(bridgeEnv);
}
