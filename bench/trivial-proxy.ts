/**
 * The benchmark's second reference: a trivial-mapping proxy, the floor of what any Talkdesk→Twenty
 * proxy costs on node:http (issue 17, "the cost of a contact"). Unlike bench/baseline-proxy.ts it
 * shares no code with the bridge: it selects only what its mapping reads, maps each person with a
 * trivial mapping and answers a page in the shape Talkdesk expects, without the bridge's checks.
 *
 * Per request:
 * - read and JSON.parse the Talkdesk body;
 * - one POST to `{base_url}/graphql` over a keep-alive http.Agent, selecting id, name, primary
 *   email and primary phone (number and calling code) of `first` people in the connector's order
 *   (or the bridge's whole selection, below);
 * - JSON.parse the answer, map every person: name = first + last name, emails = the primary email,
 *   phones = calling code + the number's digits (no parsing, no validation of either);
 * - JSON.stringify `{synchronization_checkpoint, contacts, next_offset}` with Twenty's end cursor
 *   as the offset and the last record's update time as the checkpoint.
 * Its answer is not the bridge's (fewer fields, numbers unchecked): bench/run.ts checks only that
 * it answers 200 with the same number of contacts. The fake's response cache serves its query from
 * its own cached entry, so the upstream cost per request stays small and constant.
 *
 * Two of them run side by side (bench/run.ts): `trivial` selects only what its mapping reads;
 * `trivial-full` (TRIVIAL_SELECTION=bridge) sends the bridge's own request and reads the same
 * answer as the bridge, so that the bridge's extra cost per contact is measured apart from the
 * cost of its larger selection.
 *
 *   PAGE_SIZE (200)  TRIVIAL_SELECTION (minimal | bridge; default minimal)
 */
import { serveMinimalProxy } from './lib/minimal-proxy.js';
import { trivialPayload, trivialResponse, type TrivialPage, type TrivialSelection } from './lib/trivial-mapping.js';

const PAGE_SIZE = Number(process.env['PAGE_SIZE'] ?? 200);
const SELECTION: TrivialSelection = process.env['TRIVIAL_SELECTION'] === 'bridge' ? 'bridge' : 'minimal';

await serveMinimalProxy({
  pageSize: PAGE_SIZE,
  payload: trivialPayload(PAGE_SIZE, SELECTION),
  headers: { accept: 'application/graphql-response+json, application/json' },
  respond: (text) => trivialResponse((JSON.parse(text) as { data: TrivialPage }).data),
});
