/** The claims both our OpenID providers release per scope; each adds its own extra scopes. */
export const standardClaims = {
  // Standalone claims oidc-provider adds to every ID token: listing scopes must not drop them.
  acr: null,
  auth_time: null,
  iss: null,
  sid: null,
  // The level of assurance is part of every login, asked for or not.
  openid: ['sub', 'acr'],
  profile: ['given_name', 'family_name', 'birthdate', 'locale'],
  email: ['email', 'email_verified'],
  address: ['address'],
};
