export { startFakeSalesforce } from './server.js';
export type {
  ContactQueryLog,
  FakeSalesforce,
  FakeSalesforceOptions,
  FakeSalesforceRuntimeOptions,
  FaultKind,
  FaultSpec,
  LoggedRequest,
  OrderByKeyOrder,
} from './server.js';
export { DEFAULT_START_TIME, SalesforceStore, to18 } from './store.js';
export type { AccountInput, AccountRecord, ContactInput, ContactPatch, ContactRecord, SalesforceStoreOptions } from './store.js';
export {
  DEFAULT_PAGE_SIZE,
  MAX_CURSOR_OFFSET,
  MAX_PAGE_SIZE,
  QueryError,
  UPPER_BOUND_MIN_FIRST,
  WINDOW_WITHOUT_UPPER_BOUND,
  compileFilter,
  contactName,
  encodeCursor,
  findContacts,
} from './query-engine.js';
export type { ContactFilter, ContactQueryArgs, ContactQueryResult, OrderTerm, OrderableField } from './query-engine.js';
export { seedContacts } from './seed.js';
export type { SeedOptions } from './seed.js';
