/** What Guichet needs from the commercial register: a company by UID, and whom a person signs for. */
export interface RegisterEntry {
  uid: string;
  name: string;
  legalForm: string;
  seat: string;
  address: { street: string; houseNumber: string; postcode: string; town: string };
  signatories: {
    avs: string;
    givenNames: string;
    familyName: string;
    role: string;
    signature: 'single' | 'joint';
  }[];
}

export interface CommercialRegister {
  company(uid: string): Promise<RegisterEntry | undefined>;
  companiesSignedBy(avs: string): Promise<RegisterEntry[]>;
}

/** The HTTP client for the register's lookup API (the simulator in demo and tests). */
export function commercialRegisterClient(baseUrl: string): CommercialRegister {
  // The error names the kind of lookup, not its path: that holds an AVS number, and errors are logged.
  async function get<T>(path: string, lookup: string, absent: T): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(5000) });
    if (response.status === 404) return absent;
    if (!response.ok)
      throw new Error(`Commercial register answered ${response.status} to a ${lookup} lookup`);
    return (await response.json()) as T;
  }
  return {
    company: (uid) =>
      get<RegisterEntry | undefined>(`/companies/${encodeURIComponent(uid)}`, 'company', undefined),
    companiesSignedBy: (avs) =>
      get<RegisterEntry[]>(`/signatories/${encodeURIComponent(avs)}/companies`, 'signatory', []),
  };
}
