/**
 * The cantonal narcotics register's data before the portal: the pharmacies that dispense substitution
 * treatments, about 380 patients (pseudonymised codes) spread across them, and the months they
 * reported on paper or by e-mail. Generated from a fixed seed, so that every demo and test sees the
 * same canton; a few patients are served by two pharmacies, a few doses jump, and Pharmacie de la
 * Planta's October is missing (its pharmacist files it in the portal).
 */
export interface RegisterPharmacy {
  uid: string;
  name: string;
  town: string;
}

export interface RegisterLine {
  patientCode: string;
  product: string;
  strength: string;
  prescriberGln: string;
  doses: number[];
}

export const registerPharmacies: RegisterPharmacy[] = [
  { uid: 'CHE526018151', name: 'Pharmacie de la Planta SA', town: 'Sion' },
  { uid: 'CHE908301668', name: 'Pharmacie Centrale Martigny', town: 'Martigny' },
  { uid: 'CHE131860915', name: 'Pharmacie du Bourg', town: 'Sierre' },
  { uid: 'CHE390996037', name: 'Bahnhof Apotheke Brig', town: 'Brig-Glis' },
  { uid: 'CHE948219932', name: 'Apotheke Visp', town: 'Visp' },
  { uid: 'CHE518190931', name: 'Pharmacie de Monthey', town: 'Monthey' },
  { uid: 'CHE786579750', name: 'Pharmacie du Chablais', town: 'Monthey' },
  { uid: 'CHE432319488', name: 'Pharmacie de Crans-Montana', town: 'Crans-Montana' },
  { uid: 'CHE757491188', name: 'Pharmacie de Conthey', town: 'Conthey' },
  { uid: 'CHE625276018', name: 'Pharmacie d’Entremont', town: 'Orsières' },
  { uid: 'CHE895559793', name: 'Apotheke Naters', town: 'Naters' },
];

export const registerMonths = ['2026-08', '2026-09', '2026-10'];
/** The pharmacy whose last month is not in the register yet. */
export const lateUid = 'CHE526018151';
export const patientCount = 380;

/** A small deterministic generator (mulberry32): the same canton every time. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A GLN with its GS1 check digit. */
export function glnWithCheckDigit(twelve: string): string {
  const sum = [...twelve].reduce((total, d, i) => total + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

const treatments = [
  { product: 'methadone', strength: '10 mg/ml', min: 20, max: 120, step: 5, share: 0.6 },
  { product: 'buprenorphine', strength: '8 mg', min: 4, max: 24, step: 2, share: 0.2 },
  { product: 'morphineSlowRelease', strength: '200 mg', min: 200, max: 1000, step: 100, share: 0.12 },
  { product: 'diacetylmorphine', strength: '200 mg', min: 100, max: 600, step: 50, share: 0.05 },
  { product: 'levomethadone', strength: '5 mg/ml', min: 10, max: 60, step: 5, share: 0.03 },
];

const daysIn = (month: string) => {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 2000, m ?? 1, 0)).getUTCDate();
};

/** Every month's lines, by pharmacy UID and month. */
export function registerStatements(): { uid: string; month: string; lines: RegisterLine[] }[] {
  const next = random(2026);
  const prescribers = Array.from({ length: 30 }, (_, i) =>
    glnWithCheckDigit(`76010000${String(1000 + i * 37).padStart(4, '0')}`),
  );
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const codes = new Set<string>();
  const newCode = (i: number): string => {
    const digits = String(1000 + Math.floor(next() * 9000));
    const code = `VS-${digits}${letters[Math.floor(next() * letters.length)]}${i % 10}`;
    if (codes.has(code)) return newCode(i);
    codes.add(code);
    return code;
  };
  const patients = Array.from({ length: patientCount }, (_, i) => {
    const code = newCode(i);
    const pick = next();
    let cumulated = 0;
    const treatment =
      treatments.find((t) => {
        cumulated += t.share;
        return pick < cumulated;
      }) ?? treatments[0];
    const steps = Math.floor(((treatment?.max ?? 0) - (treatment?.min ?? 0)) / (treatment?.step ?? 1));
    return {
      code,
      pharmacy: registerPharmacies[i % registerPharmacies.length]?.uid ?? '',
      treatment: treatment ?? treatments[0],
      dose: (treatment?.min ?? 0) + Math.floor(next() * (steps + 1)) * (treatment?.step ?? 1),
      prescriber: prescribers[Math.floor(next() * prescribers.length)] ?? '',
      // A few patients are also served by a second pharmacy in September (double supply).
      alsoAt: i % 97 === 5 ? registerPharmacies[(i + 3) % registerPharmacies.length]?.uid : undefined,
      // And a few get a much higher dose from mid-October.
      jumps: i % 89 === 7,
    };
  });
  const statements: { uid: string; month: string; lines: RegisterLine[] }[] = [];
  for (const month of registerMonths)
    for (const pharmacy of registerPharmacies) {
      if (pharmacy.uid === lateUid && month === registerMonths[registerMonths.length - 1]) continue;
      const lines = patients
        .filter((p) => p.pharmacy === pharmacy.uid || (month === '2026-09' && p.alsoAt === pharmacy.uid))
        .map((p) => ({
          patientCode: p.code,
          product: p.treatment?.product ?? 'methadone',
          strength: p.treatment?.strength ?? '10 mg/ml',
          prescriberGln: p.prescriber,
          doses: Array.from({ length: daysIn(month) }, (_, day) => {
            if (p.alsoAt === pharmacy.uid) return day < 5 ? p.dose : 0;
            if (next() < 0.04) return 0; // a day not collected
            return p.jumps && month === '2026-10' && day >= 14 ? p.dose * 2 : p.dose;
          }),
        }));
      statements.push({ uid: pharmacy.uid, month, lines });
    }
  return statements;
}
