import { expect } from 'chai';
import { createSalesforceConnector } from '../../../../src/connectors/salesforce/index.js';
import type { PageQuery } from '../../../../src/connectors/connector.js';
import type { CrmFetch, CrmResponse } from '../../../../src/crm-http/crm-fetch.js';
import { AppError } from '../../../../src/errors.js';

const INSTANCE = 'https://acme.my.salesforce.com';
const auth = { instance_url: INSTANCE, access_token: '00Dxx!secret-token' };
const A = '0035g00000AaaaaAAA';
const B = '0035g00000BbbbbAAA';
const C = '0035g00000CccccAAA';
const T = Date.parse('2025-03-01T08:15:00Z');

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: { query: string; variables: Record<string, any> };
}

/** A CRM fetch that answers from a script and records what was sent. */
function scripted(answers: Array<{ status?: number; body: unknown; headers?: Record<string, string> }>, now: () => number = Date.now) {
  const sent: Sent[] = [];
  const fetch: CrmFetch = async (url, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
    sent.push({ url: String(url), headers, body: JSON.parse(init?.body ?? '{}') });
    const answer = answers.shift() ?? { body: {} };
    const status = answer.status ?? 200;
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const responseHeaders = new Headers({ 'content-type': 'application/json', ...answer.headers });
    const response: CrmResponse = { status, ok: status >= 200 && status < 300, headers: responseHeaders, text: async () => text };
    return response;
  };
  const connector = createSalesforceConnector({ fetch, retry: { maxRetries: 0, baseDelayMs: 1 }, now });
  return { connector, sent };
}

const node = (id: string, stamp: string) => ({ Id: id, Name: { value: id }, SystemModstamp: { value: stamp } });
const page = (nodes: unknown[], hasNextPage: boolean) => ({
  data: { uiapi: { query: { Contact: { edges: nodes.map((n) => ({ node: n })), pageInfo: { hasNextPage } } } } },
});

function query(overrides: Partial<PageQuery> = {}): PageQuery {
  return {
    updatedSince: null,
    cursor: null,
    pageSize: 200,
    signal: new AbortController().signal,
    deadline: Date.now() + 5000,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe('Salesforce connector: fetchPage', () => {
  it('when the first page of a full sync is fetched, then it asks for pageSize contacts ordered by SystemModstamp alone, unfiltered, in one subquery, at the versioned endpoint', async () => {
    const { connector, sent } = scripted([{ body: page([], false) }]);
    await connector.fetchPage(auth, query({ pageSize: 2000 }));
    expect(sent[0]?.url).to.equal(`${INSTANCE}/services/data/v62.0/graphql`);
    expect(sent[0]?.headers['authorization']).to.equal(`Bearer ${auth.access_token}`);
    expect(sent[0]?.body.variables).to.deep.equal({ first: 2000, orderBy: { SystemModstamp: { order: 'ASC' } } });
    expect(sent[0]?.body.query).not.to.match(/\bafter\b|upperBound|latest/);
    expect(sent[0]?.body.query.match(/\bContact\(/g)).to.have.length(1);
  });

  it('when api_version is given, then the endpoint uses it', async () => {
    const { connector, sent } = scripted([{ body: page([], false) }]);
    await connector.fetchPage({ ...auth, api_version: 'v60.0' }, query());
    expect(sent[0]?.url).to.equal(`${INSTANCE}/services/data/v60.0/graphql`);
  });

  it('when more pages remain, then only the whole seconds are delivered, in (SystemModstamp, Id) order, and the next page starts right after the last of them', async () => {
    const { connector, sent } = scripted([
      // Inside a second Salesforce promises no order: B before A.
      { body: page([node(B, '2025-03-01T08:15:00.000Z'), node(A, '2025-03-01T08:15:00.000Z'), node(C, '2025-03-01T08:15:01.000Z')], true) },
      { body: page([], false) },
    ]);
    const first = await connector.fetchPage(auth, query({ updatedSince: T - 60_000 }));
    expect(first.records.map((r) => r.position)).to.deep.equal([
      { updatedAt: T, id: A },
      { updatedAt: T, id: B },
    ]);
    expect(first.nextCursor).to.equal(`sf2.after.${T}.${B}`);
    expect(first.unsettledAt ?? null).to.equal(null);
    await connector.fetchPage(auth, query({ updatedSince: T - 60_000, cursor: first.nextCursor }));
    expect(sent[1]?.body.variables).to.deep.equal({
      first: 200,
      orderBy: { SystemModstamp: { order: 'ASC' } },
      where: {
        or: [
          { SystemModstamp: { gt: { value: '2025-03-01T08:15:00Z' } } },
          { and: [{ SystemModstamp: { eq: { value: '2025-03-01T08:15:00Z' } } }, { Id: { gt: B } }] },
        ],
      },
    });
  });

  it('when a page lies wholly inside one second, then that second is walked by Id in the same request, and the next page continues the walk', async () => {
    const { connector, sent } = scripted([
      { body: page([node(B, '2025-03-01T08:15:00Z'), node(A, '2025-03-01T08:15:00Z')], true) },
      { body: page([node(A, '2025-03-01T08:15:00Z'), node(B, '2025-03-01T08:15:00Z')], true) },
      { body: page([node(C, '2025-03-01T08:15:00Z')], false) },
      { body: page([], false) },
    ]);
    const first = await connector.fetchPage(auth, query({ pageSize: 2 }));
    expect(sent[1]?.body.variables).to.deep.equal({
      first: 2,
      orderBy: { Id: { order: 'ASC' } },
      where: { SystemModstamp: { eq: { value: '2025-03-01T08:15:00Z' } } },
    });
    expect(first.records.map((r) => r.position?.id)).to.deep.equal([A, B]);
    expect(first.nextCursor).to.equal(`sf2.tie.${T}.${B}`);
    const second = await connector.fetchPage(auth, query({ pageSize: 2, cursor: first.nextCursor }));
    expect(sent[2]?.body.variables['where']).to.deep.equal({
      and: [{ SystemModstamp: { eq: { value: '2025-03-01T08:15:00Z' } } }, { Id: { gt: B } }],
    });
    // The second is long past by the bridge's clock: the run goes on after it.
    expect(second.records.map((r) => r.position?.id)).to.deep.equal([C]);
    expect(second.nextCursor).to.equal(`sf2.after.${T}.${C}`);
    await connector.fetchPage(auth, query({ pageSize: 2, cursor: second.nextCursor }));
    expect(sent[3]?.body.variables['where']).to.deep.equal({
      or: [
        { SystemModstamp: { gt: { value: '2025-03-01T08:15:00Z' } } },
        { and: [{ SystemModstamp: { eq: { value: '2025-03-01T08:15:00Z' } } }, { Id: { gt: C } }] },
      ],
    });
    // None of these pages needed the newest SystemModstamp: one subquery each.
    for (const s of sent) expect(s.body.query).not.to.include('latest');
  });

  describe('a walk through a second that is not comfortably in the past', () => {
    const withLatest = (nodes: unknown[], hasNextPage: boolean, latest: string) => {
      const answer = page(nodes, hasNextPage);
      (answer.data.uiapi.query as Record<string, unknown>)['latest'] = { edges: [{ node: { SystemModstamp: { value: latest } } }] };
      return answer;
    };
    const recently = () => T + 5_000;

    it("when the org's newest SystemModstamp is still that second, then the second is reported unsettled; when it is later, not", async () => {
      const { connector, sent } = scripted(
        [
          { body: withLatest([node(A, '2025-03-01T08:15:00Z')], true, '2025-03-01T08:15:00Z') },
          { body: withLatest([node(A, '2025-03-01T08:15:00Z')], true, '2025-03-01T08:15:01Z') },
          { body: page([node(A, '2025-03-01T08:15:00Z')], true) },
        ],
        recently,
      );
      expect((await connector.fetchPage(auth, query({ pageSize: 1, cursor: `sf2.tie.${T}.${B}` }))).unsettledAt).to.equal(T);
      expect(sent[0]?.body.query).to.match(/latest: Contact\(first: 1, orderBy: \{SystemModstamp: \{order: DESC\}\}\)/);
      expect((await connector.fetchPage(auth, query({ pageSize: 1, cursor: `sf2.tie.${T}.${B}` }))).unsettledAt).to.equal(null);
      // An answer without `latest` proves nothing: the second counts as unsettled.
      expect((await connector.fetchPage(auth, query({ pageSize: 1, cursor: `sf2.tie.${T}.${B}` }))).unsettledAt).to.equal(T);
    });

    it('when the walk ends and nobody was updated after that second, then the run is complete', async () => {
      const { connector } = scripted([{ body: withLatest([node(C, '2025-03-01T08:15:00Z')], false, '2025-03-01T08:15:00Z') }], recently);
      const last = await connector.fetchPage(auth, query({ cursor: `sf2.tie.${T}.${B}` }));
      expect(last.records.map((r) => r.position?.id)).to.deep.equal([C]);
      expect(last.nextCursor).to.equal(null);
    });

    it('when the clock has moved a minute past the second, then no newest SystemModstamp is read', async () => {
      const { connector, sent } = scripted([{ body: page([node(C, '2025-03-01T08:15:00Z')], true) }], () => T + 1000 + 60_000);
      expect((await connector.fetchPage(auth, query({ pageSize: 1, cursor: `sf2.tie.${T}.${B}` }))).unsettledAt).to.equal(null);
      expect(sent[0]?.body.query).not.to.include('latest');
    });
  });

  it('when a page from the previous version of this connector (sf1) is resumed, then it continues that second by Id', async () => {
    const { connector, sent } = scripted([{ body: page([], false) }, { body: page([], false) }]);
    await connector.fetchPage(auth, query({ cursor: `sf1.${T}.${B}` }));
    expect(sent[0]?.body.variables['orderBy']).to.deep.equal({ Id: { order: 'ASC' } });
    expect(sent[0]?.body.variables['where']).to.deep.equal({
      and: [{ SystemModstamp: { eq: { value: '2025-03-01T08:15:00Z' } } }, { Id: { gt: B } }],
    });
    // Nothing left in it: the run goes on after that position, in the same request.
    expect(sent[1]?.body.variables['where']).to.deep.equal({
      or: [
        { SystemModstamp: { gt: { value: '2025-03-01T08:15:00Z' } } },
        { and: [{ SystemModstamp: { eq: { value: '2025-03-01T08:15:00Z' } } }, { Id: { gt: B } }] },
      ],
    });
  });

  it('when Salesforce says no more pages, then there is no next cursor, even if the page was full', async () => {
    const { connector } = scripted([{ body: page([node(A, '2025-03-01T08:15:00Z')], false) }]);
    expect((await connector.fetchPage(auth, query({ pageSize: 1 }))).nextCursor).to.equal(null);
  });

  it('when a short page says more remain, then there is a next cursor (Salesforce may return fewer than first)', async () => {
    const { connector } = scripted([{ body: page([node(A, '2025-03-01T08:15:00Z'), node(B, '2025-03-01T08:15:01Z')], true) }]);
    expect((await connector.fetchPage(auth, query({ pageSize: 200 }))).nextCursor).to.equal(`sf2.after.${T}.${A}`);
  });

  it('when an empty page claims more contacts, then 502 crm_bad_response rather than a run that ends early', async () => {
    const { connector } = scripted([{ body: page([], true) }]);
    expect((await failure(connector.fetchPage(auth, query()))).code).to.equal('crm_bad_response');
  });

  describe('order guard (the orderBy and where shapes are unconfirmed)', () => {
    it('when contacts come out of SystemModstamp order, then 502 crm_bad_response rather than a silent skip', async () => {
      const { connector } = scripted([{ body: page([node(A, '2025-03-01T08:15:01Z'), node(B, '2025-03-01T08:15:00Z')], true) }]);
      expect((await failure(connector.fetchPage(auth, query()))).code).to.equal('crm_bad_response');
    });

    it('when a contact is older than the run lower bound, then 502 crm_bad_response', async () => {
      const { connector } = scripted([{ body: page([node(A, '2025-03-01T08:15:00Z')], false) }]);
      expect((await failure(connector.fetchPage(auth, query({ updatedSince: T + 1000 })))).code).to.equal('crm_bad_response');
    });

    it('when a walk starts with the very contact it was to start after, then 502 crm_bad_response', async () => {
      const { connector } = scripted([{ body: page([node(A, '2025-03-01T08:15:00Z')], true) }]);
      expect((await failure(connector.fetchPage(auth, query({ cursor: `sf2.tie.${T}.${A}` })))).code).to.equal('crm_bad_response');
    });

    it('when a walk through one second answers a contact of another second, then 502 crm_bad_response', async () => {
      const { connector } = scripted([{ body: page([node(C, '2025-03-01T08:15:01Z')], true) }]);
      expect((await failure(connector.fetchPage(auth, query({ cursor: `sf2.tie.${T}.${A}` })))).code).to.equal('crm_bad_response');
    });

    it('when a run page answers the very contact it was to start after, then 502 crm_bad_response', async () => {
      const { connector } = scripted([{ body: page([node(C, '2025-03-01T08:15:00Z')], false) }]);
      expect((await failure(connector.fetchPage(auth, query({ cursor: `sf2.after.${T}.${C}` })))).code).to.equal('crm_bad_response');
    });
  });

  it('when SystemModstamp is not a date-time, then 502 crm_bad_response', async () => {
    const { connector } = scripted([{ body: page([node(A, 'yesterday')], false) }]);
    expect((await failure(connector.fetchPage(auth, query()))).code).to.equal('crm_bad_response');
  });

  it('when an Id does not look like a Salesforce Id, then 502 crm_bad_response', async () => {
    const { connector } = scripted([{ body: page([node('not an id', '2025-03-01T08:15:00Z')], false) }]);
    expect((await failure(connector.fetchPage(auth, query()))).code).to.equal('crm_bad_response');
  });

  it('when the cursor in the offset is not one this connector issues, then it is refused so the sync restarts from its last position', async () => {
    const { connector, sent } = scripted([]);
    const error = await failure(connector.fetchPage(auth, query({ cursor: 'djE6OQ==' })));
    expect(error.code).to.equal('invalid_offset');
    expect(error.cursorRejected).to.equal(true);
    expect(sent).to.have.length(0);
  });

  it('when instance_url has a path, then 400 invalid_auth before any call', async () => {
    const { connector, sent } = scripted([]);
    const error = await failure(
      connector.fetchPage({ ...auth, instance_url: 'https://acme.lightning.force.com/lightning/page/home' }, query()),
    );
    expect(error.code).to.equal('invalid_auth');
    expect(sent).to.have.length(0);
  });

  describe('Salesforce errors', () => {
    it('when the token expired (401 INVALID_SESSION_ID), then crm_unauthorized', async () => {
      const { connector } = scripted([{ status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] }]);
      expect((await failure(connector.fetchPage(auth, query()))).code).to.equal('crm_unauthorized');
    });

    it('when the org is out of API requests (403 REQUEST_LIMIT_EXCEEDED), then crm_rate_limited with a minute to wait, not crm_unauthorized', async () => {
      const { connector } = scripted([
        { status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] },
      ]);
      const error = await failure(connector.fetchPage(auth, query()));
      expect(error.code).to.equal('crm_rate_limited');
      expect(error.retryable).to.equal(true);
      expect(error.retryAfterSeconds).to.equal(60);
    });

    it('when the GraphQL endpoint answers the limit as its docs say (503 REQUEST_LIMIT_EXCEEDED), then crm_rate_limited, not a retried outage', async () => {
      const { connector, sent } = scripted([
        { status: 503, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] },
      ]);
      const error = await failure(connector.fetchPage(auth, query()));
      expect(error.code).to.equal('crm_rate_limited');
      expect(error.retryAfterSeconds).to.equal(60);
      expect(sent).to.have.length(1);
    });

    it('when the limit answer carries Retry-After, then that wait is used', async () => {
      const { connector } = scripted([
        { status: 403, body: [{ message: 'x', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], headers: { 'retry-after': '120' } },
      ]);
      expect((await failure(connector.fetchPage(auth, query()))).retryAfterSeconds).to.equal(120);
    });

    it('when another 403 arrives (e.g. API disabled for the user), then crm_unauthorized as for any refused credential', async () => {
      const { connector } = scripted([{ status: 403, body: [{ message: 'API is not enabled', errorCode: 'API_DISABLED_FOR_ORG' }] }]);
      expect((await failure(connector.fetchPage(auth, query()))).code).to.equal('crm_unauthorized');
    });

    it('when a GraphQL error names REQUEST_LIMIT_EXCEEDED, then crm_rate_limited', async () => {
      const { connector } = scripted([
        { body: { data: null, errors: [{ message: 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.' }] } },
      ]);
      expect((await failure(connector.fetchPage(auth, query()))).code).to.equal('crm_rate_limited');
    });

    it('when the path does not exist (404), then crm_bad_response naming instance_url and api_version', async () => {
      const { connector } = scripted([
        { status: 404, body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] },
      ]);
      const error = await failure(connector.fetchPage(auth, query()));
      expect(error.code).to.equal('crm_bad_response');
      expect(error.message).to.include('api_version');
    });

    it('when Salesforce fails with 500, then a retryable crm_error', async () => {
      const { connector } = scripted([
        { status: 500, body: [{ message: 'An unexpected error occurred', errorCode: 'UNKNOWN_EXCEPTION' }] },
      ]);
      const error = await failure(connector.fetchPage(auth, query()));
      expect(error.code).to.equal('crm_error');
      expect(error.retryable).to.equal(true);
    });

    it('when a GraphQL validation error comes back, then crm_error', async () => {
      const { connector } = scripted([
        { body: { errors: [{ message: 'Validation error of type FieldUndefined', extensions: { classification: 'ValidationError' } }] } },
      ]);
      expect((await failure(connector.fetchPage(auth, query()))).code).to.equal('crm_error');
    });
  });
});
