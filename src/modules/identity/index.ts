export { formatAvs, normaliseAvs } from './avs-number.ts';
export {
  type CommercialRegister,
  commercialRegisterClient,
  type RegisterEntry,
} from './commercial-register.ts';
export { testPersons, testStaff } from './dev-idp/test-persons.ts';
export { withActorNames } from './name-actors.ts';
export { verifyApiAccessToken } from './openid-provider/api-tokens.ts';
export { registerClient } from './openid-provider/clients.ts';
export {
  findOrganisationByUid,
  getOrganisation,
  organisationUidOf,
  registeredSignature,
  upsertOrganisation,
} from './organisations.ts';
export {
  createPersonWithLink,
  type FirstLogin,
  findLink,
  findPersonByAvs,
  findPersonsByNameAndBirth,
  getPerson,
  type Person,
  personName,
  personNames,
  personsNamedSql,
  setPersonDisabled,
  setPlatformAdmin,
  updateLanguages,
} from './persons.ts';
export { currentAccountId, sessionAccountIdSql, sessionAuth, switchAccount } from './session-login.ts';
export { type ActingPerson, actingPersonSql, sessionPersonIdSql } from './session-person.ts';
export { formatUid, normaliseUid } from './uid-number.ts';
