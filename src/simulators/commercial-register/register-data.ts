/** Seeded companies of the commercial-register simulator, with their signatories and signing rules. */
export interface RegisterCompany {
  uid: string;
  name: string;
  legalForm: string;
  seat: string;
  address: { street: string; houseNumber: string; postcode: string; town: string };
  signatories: RegisterSignatory[];
}

export interface RegisterSignatory {
  avs: string;
  givenNames: string;
  familyName: string;
  role: string;
  /** `single`: signs alone; `joint`: together with another joint signatory. */
  signature: 'single' | 'joint';
}

export const registerCompanies: RegisterCompany[] = [
  {
    uid: 'CHE123456788',
    name: 'Pharmacie du Rhône SA',
    legalForm: 'SA',
    seat: 'Sion',
    address: { street: 'Rue du Rhône', houseNumber: '21', postcode: '1950', town: 'Sion' },
    signatories: [
      {
        avs: '7561234567897',
        givenNames: 'Sophie',
        familyName: 'Rochat',
        role: 'administratrice',
        signature: 'single',
      },
    ],
  },
  {
    uid: 'CHE234567895',
    name: 'Fiduciaire des Alpes Sàrl',
    legalForm: 'Sàrl',
    seat: 'Martigny',
    address: { street: 'Avenue de la Gare', houseNumber: '8', postcode: '1920', town: 'Martigny' },
    signatories: [
      {
        avs: '7563456789019',
        givenNames: 'Marc',
        familyName: 'Darbellay',
        role: 'associé gérant',
        signature: 'joint',
      },
      {
        avs: '7564567890120',
        givenNames: 'Claire',
        familyName: 'Fellay',
        role: 'associée gérante',
        signature: 'joint',
      },
    ],
  },
  {
    uid: 'CHE345678915',
    name: 'Imboden Bau AG',
    legalForm: 'AG',
    seat: 'Brig-Glis',
    address: { street: 'Furkastrasse', houseNumber: '12', postcode: '3900', town: 'Brig' },
    signatories: [
      {
        avs: '7562345678908',
        givenNames: 'Thomas',
        familyName: 'Imboden',
        role: 'Verwaltungsratspräsident',
        signature: 'single',
      },
    ],
  },
  {
    uid: 'CHE526018151',
    name: 'Pharmacie de la Planta SA',
    legalForm: 'SA',
    seat: 'Sion',
    address: { street: 'Place de la Planta', houseNumber: '3', postcode: '1950', town: 'Sion' },
    signatories: [
      {
        avs: '7569876543217',
        givenNames: 'Hélène',
        familyName: 'Pitteloud',
        role: 'administratrice',
        signature: 'single',
      },
    ],
  },
];
