export { DEFAULT_AVATAR_URL, startFakeShopify } from './server.js';
export type {
  CostBucket,
  FakeShopify,
  FakeShopifyOptions,
  FakeShopifyRuntimeOptions,
  FaultKind,
  FaultSpec,
  LoggedRequest,
} from './server.js';
export { customerGid, DEFAULT_START_TIME, mulberry32, ShopifyStore, toShopifySeconds } from './store.js';
export type { CustomerAddress, CustomerInput, CustomerPatch, CustomerRecord, ShopifyStoreOptions } from './store.js';
export { CustomersQueryEngine, CustomersQueryError, decodeCursor, encodeCursor } from './query-engine.js';
export type {
  CustomerSortKey,
  CustomersArgs,
  CustomersOptions,
  CustomersResult,
  CustomersSource,
  PastPaginationLimit,
} from './query-engine.js';
export { compileSearch, SearchSyntaxError } from './search-query.js';
export type { CompiledSearch, SearchWarning, TimeMatching } from './search-query.js';
export { actualQueryCost, requestedQueryCost } from './query-cost.js';
export type { QueryCostInput } from './query-cost.js';
export { seedCustomers } from './seed.js';
export type { SeedOptions } from './seed.js';
