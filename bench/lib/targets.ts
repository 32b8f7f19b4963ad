/**
 * The targets under test and how to reach them: the bridge (bench/bridge-child.ts) with its
 * production-like environment, the baseline proxy (bench/baseline-proxy.ts), and the Talkdesk
 * request both answer.
 */

/** The bridge's environment for one page size against one fake CRM host. */
export function bridgeEnv(fakeHost: string, pageSize: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    // Production refuses to start without BRIDGE_TOKEN; the benchmark measures the unauthenticated path.
    BRIDGE_AUTH_EXTERNAL: 'true',
    LOG_LEVEL: 'info',
    PAGE_SIZE: String(pageSize),
    CRM_ALLOWED_HOSTS: fakeHost,
  };
}

/** One Talkdesk request to a target's `/{connector}/contacts`. */
export async function postContacts(url: string, body: string, connector = 'twenty'): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/${connector}/contacts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, text: await res.text() };
}
