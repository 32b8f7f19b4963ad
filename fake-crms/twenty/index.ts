export { startFakeTwenty } from './server.js';
export type {
  FakeTwenty,
  FakeTwentyOptions,
  FakeTwentyRuntimeOptions,
  FaultKind,
  FaultSpec,
  LoggedRequest,
  RateLimit,
  TwentyServerVersion,
} from './server.js';
export { DEFAULT_START_TIME, TwentyStore, mulberry32, uuidFrom } from './store.js';
export type {
  AdditionalPhone,
  CompanyAddress,
  CompanyInput,
  CompanyRecord,
  PersonInput,
  PersonPatch,
  PeopleChangeListener,
  PersonRecord,
  TwentyStoreOptions,
} from './store.js';
export {
  PeopleQueryEngine,
  QueryError,
  TWENTY_DEFAULT_PAGE_SIZE,
  compileFilter,
  decodeCursor,
  encodeCursor,
  formatDateTime,
  keysetPredicate,
  mentionsDeletedAt,
  normalizeOrderBy,
  parseDateTime,
} from './query-engine.js';
export type {
  OrderDirection,
  OrderTerm,
  OrderableField,
  PeopleQueryArgs,
  PeopleQueryOptions,
  PeopleQueryResult,
  PeopleSource,
  PersonFilter,
  Predicate,
  Tri,
} from './query-engine.js';
export { seedPeople } from './seed.js';
export { errorBody, forbiddenAnswer, throttledAnswer, unauthenticatedAnswer } from './error-answers.js';
export type { RefusedAnswer, ThrottleLimit, TwentyGeneration } from './error-answers.js';
export type { SeedOptions } from './seed.js';
