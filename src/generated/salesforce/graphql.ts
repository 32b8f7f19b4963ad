/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Contact_Filter = {
  Id?: IdOperators | null | undefined;
  LastModifiedDate?: DateTimeOperators | null | undefined;
  Name?: StringOperators | null | undefined;
  SystemModstamp?: DateTimeOperators | null | undefined;
  and?: Array<Contact_Filter | null | undefined> | null | undefined;
  not?: Contact_Filter | null | undefined;
  or?: Array<Contact_Filter | null | undefined> | null | undefined;
};

export type Contact_OrderBy = {
  Id?: OrderByClause | null | undefined;
  LastModifiedDate?: OrderByClause | null | undefined;
  Name?: OrderByClause | null | undefined;
  SystemModstamp?: OrderByClause | null | undefined;
};

export type DateFunctionInput = {
  convertTimezoneValue?: LongOperators | null | undefined;
  value?: LongOperators | null | undefined;
};

export type DateLiteral =
  | 'LAST_90_DAYS'
  | 'LAST_FISCAL_QUARTER'
  | 'LAST_FISCAL_YEAR'
  | 'LAST_MONTH'
  | 'LAST_QUARTER'
  | 'LAST_WEEK'
  | 'LAST_YEAR'
  | 'NEXT_90_DAYS'
  | 'NEXT_FISCAL_QUARTER'
  | 'NEXT_FISCAL_YEAR'
  | 'NEXT_MONTH'
  | 'NEXT_QUARTER'
  | 'NEXT_WEEK'
  | 'NEXT_YEAR'
  | 'THIS_FISCAL_QUARTER'
  | 'THIS_FISCAL_YEAR'
  | 'THIS_MONTH'
  | 'THIS_QUARTER'
  | 'THIS_WEEK'
  | 'THIS_YEAR'
  | 'TODAY'
  | 'TOMORROW'
  | 'YESTERDAY';

export type DatePrimitiveOperators = {
  eq?: string | null | undefined;
  gt?: string | null | undefined;
  gte?: string | null | undefined;
  in?: Array<string | null | undefined> | null | undefined;
  lt?: string | null | undefined;
  lte?: string | null | undefined;
  ne?: string | null | undefined;
  nin?: Array<string | null | undefined> | null | undefined;
};

export type DateRange = {
  last_n_days?: number | null | undefined;
  last_n_fiscal_quarters?: number | null | undefined;
  last_n_fiscal_years?: number | null | undefined;
  last_n_months?: number | null | undefined;
  last_n_quarters?: number | null | undefined;
  last_n_weeks?: number | null | undefined;
  last_n_years?: number | null | undefined;
  n_days_ago?: number | null | undefined;
  n_fiscal_quarters_ago?: number | null | undefined;
  n_fiscal_years_ago?: number | null | undefined;
  n_months_ago?: number | null | undefined;
  n_quarters_ago?: number | null | undefined;
  n_weeks_ago?: number | null | undefined;
  n_years_ago?: number | null | undefined;
  next_n_days?: number | null | undefined;
  next_n_fiscal_quarters?: number | null | undefined;
  next_n_fiscal_years?: number | null | undefined;
  next_n_months?: number | null | undefined;
  next_n_quarters?: number | null | undefined;
  next_n_weeks?: number | null | undefined;
  next_n_years?: number | null | undefined;
};

export type DateTimeFunctionInput = {
  convertTimezoneValue?: DatePrimitiveOperators | null | undefined;
  value?: DatePrimitiveOperators | null | undefined;
};

export type DateTimeInput = {
  literal?: DateLiteral | null | undefined;
  range?: DateRange | null | undefined;
  value?: string | null | undefined;
};

export type DateTimeOperators = {
  CALENDAR_MONTH?: DateFunctionInput | null | undefined;
  CALENDAR_QUARTER?: DateFunctionInput | null | undefined;
  CALENDAR_YEAR?: DateFunctionInput | null | undefined;
  DAY_IN_MONTH?: DateFunctionInput | null | undefined;
  DAY_IN_WEEK?: DateFunctionInput | null | undefined;
  DAY_IN_YEAR?: DateFunctionInput | null | undefined;
  DAY_ONLY?: DateTimeFunctionInput | null | undefined;
  FISCAL_MONTH?: DateFunctionInput | null | undefined;
  FISCAL_QUARTER?: DateFunctionInput | null | undefined;
  FISCAL_YEAR?: DateFunctionInput | null | undefined;
  HOUR_IN_DAY?: DateFunctionInput | null | undefined;
  WEEK_IN_MONTH?: DateFunctionInput | null | undefined;
  WEEK_IN_YEAR?: DateFunctionInput | null | undefined;
  eq?: DateTimeInput | null | undefined;
  gt?: DateTimeInput | null | undefined;
  gte?: DateTimeInput | null | undefined;
  in?: Array<DateTimeInput | null | undefined> | null | undefined;
  lt?: DateTimeInput | null | undefined;
  lte?: DateTimeInput | null | undefined;
  ne?: DateTimeInput | null | undefined;
  nin?: Array<DateTimeInput | null | undefined> | null | undefined;
};

export type IdOperators = {
  eq?: string | number | null | undefined;
  gt?: string | number | null | undefined;
  gte?: string | number | null | undefined;
  in?: Array<string | number | null | undefined> | null | undefined;
  inq?: JoinInput | null | undefined;
  lt?: string | number | null | undefined;
  lte?: string | number | null | undefined;
  ne?: string | number | null | undefined;
  nin?: Array<string | number | null | undefined> | null | undefined;
  ninq?: JoinInput | null | undefined;
};

export type JoinInput = {
  Contact?: Contact_Filter | null | undefined;
};

export type LongOperators = {
  eq?: number | null | undefined;
  gt?: number | null | undefined;
  gte?: number | null | undefined;
  in?: Array<number | null | undefined> | null | undefined;
  lt?: number | null | undefined;
  lte?: number | null | undefined;
  ne?: number | null | undefined;
  nin?: Array<number | null | undefined> | null | undefined;
};

export type NullOrder =
  | 'FIRST'
  | 'LAST';

export type OrderByClause = {
  nulls?: NullOrder | null | undefined;
  order?: ResultOrder | null | undefined;
};

export type ResultOrder =
  | 'ASC'
  | 'DESC';

export type StringOperators = {
  eq?: string | null | undefined;
  gt?: string | null | undefined;
  gte?: string | null | undefined;
  in?: Array<string | null | undefined> | null | undefined;
  like?: string | null | undefined;
  lt?: string | null | undefined;
  lte?: string | null | undefined;
  ne?: string | null | undefined;
  nin?: Array<string | null | undefined> | null | undefined;
};

export type SalesforceContactFieldsFragment = { Id: string, Name: { value: string | null } | null, FirstName: { value: string | null } | null, LastName: { value: string | null } | null, Title: { value: string | null } | null, Email: { value: string | null } | null, Phone: { value: string | null } | null, MobilePhone: { value: string | null } | null, HomePhone: { value: string | null } | null, OtherPhone: { value: string | null } | null, PhotoUrl: { value: string | null } | null, MailingStreet: { value: string | null } | null, MailingCity: { value: string | null } | null, MailingState: { value: string | null } | null, MailingPostalCode: { value: string | null } | null, MailingCountry: { value: string | null } | null, Account: { Name: { value: string | null } | null, Website: { value: string | null } | null } | null, SystemModstamp: { value: string | null } | null };

export type SalesforceContactsPageQueryVariables = Exact<{
  first: number;
  where?: Contact_Filter | null | undefined;
  orderBy: Contact_OrderBy;
}>;


export type SalesforceContactsPageQuery = { uiapi: { query: { Contact: { edges: Array<{ node: { Id: string, Name: { value: string | null } | null, FirstName: { value: string | null } | null, LastName: { value: string | null } | null, Title: { value: string | null } | null, Email: { value: string | null } | null, Phone: { value: string | null } | null, MobilePhone: { value: string | null } | null, HomePhone: { value: string | null } | null, OtherPhone: { value: string | null } | null, PhotoUrl: { value: string | null } | null, MailingStreet: { value: string | null } | null, MailingCity: { value: string | null } | null, MailingState: { value: string | null } | null, MailingPostalCode: { value: string | null } | null, MailingCountry: { value: string | null } | null, Account: { Name: { value: string | null } | null, Website: { value: string | null } | null } | null, SystemModstamp: { value: string | null } | null } | null } | null> | null, pageInfo: { hasNextPage: boolean } } | null } } };

export type SalesforceContactsPageWithLatestQueryVariables = Exact<{
  first: number;
  where?: Contact_Filter | null | undefined;
  orderBy: Contact_OrderBy;
}>;


export type SalesforceContactsPageWithLatestQuery = { uiapi: { query: { latest: { edges: Array<{ node: { SystemModstamp: { value: string | null } | null } | null } | null> | null } | null, Contact: { edges: Array<{ node: { Id: string, Name: { value: string | null } | null, FirstName: { value: string | null } | null, LastName: { value: string | null } | null, Title: { value: string | null } | null, Email: { value: string | null } | null, Phone: { value: string | null } | null, MobilePhone: { value: string | null } | null, HomePhone: { value: string | null } | null, OtherPhone: { value: string | null } | null, PhotoUrl: { value: string | null } | null, MailingStreet: { value: string | null } | null, MailingCity: { value: string | null } | null, MailingState: { value: string | null } | null, MailingPostalCode: { value: string | null } | null, MailingCountry: { value: string | null } | null, Account: { Name: { value: string | null } | null, Website: { value: string | null } | null } | null, SystemModstamp: { value: string | null } | null } | null } | null> | null, pageInfo: { hasNextPage: boolean } } | null } } };

export type SalesforceAuthCheckQueryVariables = Exact<{ [key: string]: never; }>;


export type SalesforceAuthCheckQuery = { uiapi: { query: { Contact: { edges: Array<{ node: { Id: string } | null } | null> | null } | null } } };

export const SalesforceContactFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SalesforceContactFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Contact"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"Id"}},{"kind":"Field","name":{"kind":"Name","value":"Name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"FirstName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"LastName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Email"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Phone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MobilePhone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"HomePhone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"OtherPhone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"PhotoUrl"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingStreet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingCity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingState"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingPostalCode"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingCountry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"Name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Website"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"SystemModstamp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<SalesforceContactFieldsFragment, unknown>;
export const SalesforceContactsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SalesforceContactsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Contact_Filter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Contact_OrderBy"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uiapi"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"query"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"Contact"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SalesforceContactFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SalesforceContactFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Contact"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"Id"}},{"kind":"Field","name":{"kind":"Name","value":"Name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"FirstName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"LastName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Email"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Phone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MobilePhone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"HomePhone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"OtherPhone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"PhotoUrl"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingStreet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingCity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingState"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingPostalCode"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingCountry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"Name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Website"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"SystemModstamp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<SalesforceContactsPageQuery, SalesforceContactsPageQueryVariables>;
export const SalesforceContactsPageWithLatestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SalesforceContactsPageWithLatest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Contact_Filter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Contact_OrderBy"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uiapi"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"query"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"latest"},"name":{"kind":"Name","value":"Contact"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"SystemModstamp"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"order"},"value":{"kind":"EnumValue","value":"DESC"}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"SystemModstamp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"Contact"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SalesforceContactFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SalesforceContactFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Contact"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"Id"}},{"kind":"Field","name":{"kind":"Name","value":"Name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"FirstName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"LastName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Email"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Phone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MobilePhone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"HomePhone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"OtherPhone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"PhotoUrl"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingStreet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingCity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingState"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingPostalCode"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"MailingCountry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"Name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"Website"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"SystemModstamp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<SalesforceContactsPageWithLatestQuery, SalesforceContactsPageWithLatestQueryVariables>;
export const SalesforceAuthCheckDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SalesforceAuthCheck"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uiapi"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"query"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"Contact"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"Id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SalesforceAuthCheckQuery, SalesforceAuthCheckQueryVariables>;