/** The large section's Salesforce part: one 2,000-contact page, the bridge alone. */
import { startChild, stopChild, children } from './children.js';
import { smallestHeap } from './memory.js';
import { f, line, mb, median, memoryLine } from './report.js';
import { BRIDGE_FLAGS, LARGE_PAGE_REQUESTS, SF_CONTACTS, SF_PAGE_SIZE, SF_TOKEN } from './settings.js';

/**
 * The issue asks for the bridge's memory and latency for one page at the largest page size any CRM
 * allows: Salesforce's 2,000. A fake Salesforce (its own process) seeded with SF_CONTACTS contacts,
 * a bridge with PAGE_SIZE=2000, LARGE_PAGE_REQUESTS sequential first pages after 3 warm-up ones.
 * There is no Salesforce baseline proxy: these are the bridge's own figures (the fake's CPU is shown
 * apart, as the upstream's share of the latency).
 */
export async function largeSalesforcePage(bridgeEnv: (pageSize: number) => Record<string, string>): Promise<void> {
  line();
  const sf = await startChild('fake Salesforce', 'bench/fake-salesforce-child.ts', { BENCH_SF_CONTACTS: String(SF_CONTACTS) });
  const bridge = await startChild(
    'bridge (Salesforce page)',
    'bench/bridge-child.ts',
    { ...bridgeEnv(SF_PAGE_SIZE), CRM_ALLOWED_HOSTS: new URL(sf.url).host, BENCH_SAMPLE_PEAK: '1' },
    BRIDGE_FLAGS,
  );
  const body = JSON.stringify({ auth: { instance_url: sf.url, access_token: SF_TOKEN }, meta: {} });
  const post = async (): Promise<{ status: number; text: string }> => {
    const res = await fetch(`${bridge.url}/salesforce/contacts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, text: await res.text() };
  };
  try {
    const before = await bridge.stats(true);
    let answer = await post();
    if (answer.status !== 200) {
      line(`Salesforce page: the bridge answered ${answer.status}, not 200; skipped: ${answer.text.slice(0, 300)}`);
      return;
    }
    const count = (JSON.parse(answer.text) as { contacts: unknown[] }).contacts.length;
    for (let i = 0; i < 2; i++) await post();
    const times: number[] = [];
    let cpuUs = 0;
    let fakeCpuUs = 0;
    for (let i = 0; i < LARGE_PAGE_REQUESTS; i++) {
      const [b, fb] = [await bridge.stats(), await sf.stats()];
      const t0 = performance.now();
      answer = await post();
      times.push(performance.now() - t0);
      const [a, fa] = [await bridge.stats(), await sf.stats()];
      cpuUs += a.cpuUs - b.cpuUs;
      fakeCpuUs += fa.cpuUs - fb.cpuUs;
      if (answer.status !== 200) throw new Error(`the bridge answered ${answer.status} to a Salesforce page: ${answer.text.slice(0, 300)}`);
    }
    const after = await bridge.stats(false);
    const afterGc = await bridge.stats(true);
    line(
      `Salesforce page: PAGE_SIZE=${SF_PAGE_SIZE} (fake org of ${SF_CONTACTS} contacts), ${LARGE_PAGE_REQUESTS} sequential requests after 3 warm-up requests, the bridge alone`,
    );
    line(
      `  bridge    status ${answer.status}, ${count} contacts, ${mb(answer.text.length)}  latency p50 ${f(median(times))} ms  max ${f(Math.max(...times))} ms` +
        `  CPU ${f(cpuUs / LARGE_PAGE_REQUESTS / 1000)} ms/req  (fake Salesforce CPU ${f(fakeCpuUs / LARGE_PAGE_REQUESTS / 1000)} ms/req)`,
    );
    line(`  ${memoryLine('bridge before', before)}`);
    line(`  ${memoryLine('bridge after', after)}  peak heapUsed ${mb(after.peakHeapUsed ?? 0)}`);
    line(`  ${memoryLine('bridge after GC', afterGc)}`);
    await stopChild(bridge);
    const heap = await smallestHeap(
      'bridge',
      'bench/bridge-child.ts',
      { ...bridgeEnv(SF_PAGE_SIZE), CRM_ALLOWED_HOSTS: new URL(sf.url).host },
      async (child) => {
        const res = await fetch(`${child.url}/salesforce/contacts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        return res.status === 200 && ((await res.json()) as { contacts: unknown[] }).contacts.length === count;
      },
    );
    line(
      heap
        ? `  smallest heap serving this page: ${heap.smallestMb} MB (idle ${f(heap.idleMb, 1)} MB): the page's working set is at most ${f(heap.smallestMb - heap.idleMb, 1)} MB, ${f(((heap.smallestMb - heap.idleMb) * 1048576) / Buffer.byteLength(answer.text), 1)}× the Talkdesk answer`
        : '  smallest heap serving this page: not found up to 512 MB',
    );
  } finally {
    if (children.includes(bridge)) await stopChild(bridge);
    await stopChild(sf);
  }
}
