/**
 * Where the identity and accounts modules serve login, logout and the account switch. The kernel's
 * header and redirects link to them; the modules register their routes on the same constants.
 */
export const identityPaths = {
  login: '/login',
  logout: '/logout',
  accounts: '/accounts',
} as const;

/** Where the catalogue and the person's space live, for the kernel's navigation. */
export const portalPaths = {
  services: '/services',
  mySpace: '/my',
  /** Staff's home: their authorities, queues and tools. */
  backOffice: '/back-office',
} as const;
