/** The people the development identity provider can log in as; AVS numbers have valid check digits. */
export interface TestPerson {
  sub: string;
  givenNames: string;
  familyName: string;
  birthdate: string;
  avs: string;
  email: string;
  address: { street: string; postcode: string; town: string };
  locale: 'fr' | 'de' | 'en';
}

export const testPersons: TestPerson[] = [
  {
    sub: 'dev-sophie-rochat',
    givenNames: 'Sophie',
    familyName: 'Rochat',
    birthdate: '1984-03-12',
    avs: '7561234567897',
    email: 'sophie.rochat@example.ch',
    address: { street: 'Rue du Grand-Pont 12', postcode: '1950', town: 'Sion' },
    locale: 'fr',
  },
  {
    sub: 'dev-thomas-imboden',
    givenNames: 'Thomas',
    familyName: 'Imboden',
    birthdate: '1976-07-02',
    avs: '7562345678908',
    email: 'thomas.imboden@example.ch',
    address: { street: 'Bahnhofstrasse 5', postcode: '3900', town: 'Brig' },
    locale: 'de',
  },
  {
    sub: 'dev-marc-darbellay',
    givenNames: 'Marc',
    familyName: 'Darbellay',
    birthdate: '1969-11-30',
    avs: '7563456789019',
    email: 'marc.darbellay@example.ch',
    address: { street: 'Avenue de la Gare 8', postcode: '1920', town: 'Martigny' },
    locale: 'fr',
  },
  {
    sub: 'dev-claire-fellay',
    givenNames: 'Claire',
    familyName: 'Fellay',
    birthdate: '1988-05-17',
    avs: '7564567890120',
    email: 'claire.fellay@example.ch',
    address: { street: 'Rue des Alpes 3', postcode: '1920', town: 'Martigny' },
    locale: 'fr',
  },
  // The administrator of Pharmacie de la Planta SA (a pharmacy dispensing substitution treatments).
  {
    sub: 'dev-helene-pitteloud',
    givenNames: 'Hélène',
    familyName: 'Pitteloud',
    birthdate: '1975-06-14',
    avs: '7569876543217',
    email: 'helene.pitteloud@example.ch',
    address: { street: 'Place de la Planta 3', postcode: '1950', town: 'Sion' },
    locale: 'fr',
  },
  // A pharmacist whom Pharmacie de la Planta mandates for its narcotics statements.
  {
    sub: 'dev-julie-crettenand',
    givenNames: 'Julie',
    familyName: 'Crettenand',
    birthdate: '1986-04-09',
    avs: '7561357924683',
    email: 'julie.crettenand@example.ch',
    address: { street: 'Rue de Lausanne 40', postcode: '1950', town: 'Sion' },
    locale: 'fr',
  },
  // A physician practising in Sion, in the health register under GLN 7601000123459.
  {
    sub: 'dev-anne-zufferey',
    givenNames: 'Anne',
    familyName: 'Zufferey',
    birthdate: '1978-10-04',
    avs: '7567788990013',
    email: 'anne.zufferey@example.ch',
    address: { street: 'Chemin des Collines 4', postcode: '1950', town: 'Sion' },
    locale: 'fr',
  },
  // A physician coming to practise in Valais (GLN 7601000567895 from the federal register), not yet in the canton's.
  {
    sub: 'dev-pierre-mabillard',
    givenNames: 'Pierre',
    familyName: 'Mabillard',
    birthdate: '1987-01-22',
    avs: '7568899001124',
    email: 'pierre.mabillard@example.ch',
    address: { street: 'Rue de Conthey 7', postcode: '1950', town: 'Sion' },
    locale: 'fr',
  },
];

/** Demo staff: known to the test provider, and given back-office roles by the demo seed. */
export const testStaff: (TestPerson & {
  roles: { authority: string; role: 'agent' | 'serviceDesigner' | 'authorityAdmin' }[];
  platformAdmin: boolean;
})[] = [
  {
    sub: 'dev-luc-fournier',
    givenNames: 'Luc',
    familyName: 'Fournier',
    birthdate: '1980-02-08',
    avs: '7565678901231',
    email: 'luc.fournier@admin.vs.ch',
    address: { street: 'Place de la Planta 1', postcode: '1950', town: 'Sion' },
    locale: 'fr',
    roles: [{ authority: 'spf', role: 'agent' }],
    platformAdmin: false,
  },
  {
    sub: 'dev-nadia-berclaz',
    givenNames: 'Nadia',
    familyName: 'Berclaz',
    birthdate: '1979-09-21',
    avs: '7566789012342',
    email: 'nadia.berclaz@sion.ch',
    address: { street: 'Rue de Lausanne 23', postcode: '1950', town: 'Sion' },
    locale: 'fr',
    roles: [{ authority: 'sion', role: 'authorityAdmin' }],
    platformAdmin: true,
  },
  // The cantonal pharmacist, who controls the pharmacies' narcotics statements.
  {
    sub: 'dev-pierre-andre-zen-ruffinen',
    givenNames: 'Pierre-André',
    familyName: 'Zen-Ruffinen',
    birthdate: '1971-12-03',
    avs: '7562468013570',
    email: 'pierre-andre.zen-ruffinen@admin.vs.ch',
    address: { street: 'Avenue du Midi 7', postcode: '1950', town: 'Sion' },
    locale: 'fr',
    roles: [{ authority: 'ssp', role: 'agent' }],
    platformAdmin: false,
  },
  {
    sub: 'dev-beat-kalbermatten',
    givenNames: 'Beat',
    familyName: 'Kalbermatten',
    birthdate: '1977-04-14',
    avs: '7567890123453',
    email: 'beat.kalbermatten@admin.vs.ch',
    address: { street: 'Avenue de la Gare 35', postcode: '1950', town: 'Sion' },
    locale: 'de',
    roles: [{ authority: 'scc', role: 'agent' }],
    platformAdmin: false,
  },
  {
    sub: 'dev-isabelle-zufferey',
    givenNames: 'Isabelle',
    familyName: 'Zufferey',
    birthdate: '1975-12-03',
    avs: '7568901234564',
    email: 'isabelle.zufferey@admin.vs.ch',
    address: { street: 'Avenue de la Gare 39', postcode: '1950', town: 'Sion' },
    locale: 'fr',
    // The debt-collection office's administrator: revokes an extract issued in error.
    roles: [{ authority: 'spf', role: 'authorityAdmin' }],
    platformAdmin: false,
  },
  {
    sub: 'dev-isabelle-rey',
    givenNames: 'Isabelle',
    familyName: 'Rey',
    birthdate: '1983-06-15',
    avs: '7569900112235',
    email: 'isabelle.rey@admin.vs.ch',
    address: { street: 'Avenue du Midi 7', postcode: '1950', town: 'Sion' },
    locale: 'fr',
    roles: [{ authority: 'ssp', role: 'agent' }],
    platformAdmin: false,
  },
];

/** Everyone the development provider can log in as. */
export const allTestPersons: TestPerson[] = [...testPersons, ...testStaff];
