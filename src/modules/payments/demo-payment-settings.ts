import type { SettingsInput } from './payment-settings.ts';

/**
 * The merchants the demo's simulators know: the canton is paid through Datatrans, Sion through
 * Saferpay, each into its own accounts (check digits valid, numbers invented).
 */
export const demoPaymentSettings: { authority: string; settings: SettingsInput }[] = [
  {
    authority: 'valais',
    settings: {
      provider: 'datatrans',
      merchant: {
        merchantId: '1100000000',
        password: 'simulator',
        signKey: '5a1f0c6e2b7d4c9aa3e8f1b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1',
      },
      creditor: {
        name: 'État du Valais, Administration cantonale des finances',
        street: 'Place de la Planta',
        buildingNumber: '3',
        postalCode: '1950',
        town: 'Sion',
        country: 'CH',
        iban: 'CH9000765000019501234',
        qrIban: 'CH9330000001950001234',
      },
      accountingCodes: 'default = 4210\ncase = 4210',
    },
  },
  {
    authority: 'sion',
    settings: {
      provider: 'saferpay',
      merchant: {
        customerId: '245678',
        terminalId: '17757531',
        apiUser: 'API_245678_17757531',
        apiPassword: 'simulator-sion',
      },
      creditor: {
        name: 'Ville de Sion, Service des finances',
        street: 'Rue de Lausanne',
        buildingNumber: '23',
        postalCode: '1950',
        town: 'Sion',
        country: 'CH',
        iban: 'CH6300243000056789012',
        qrIban: 'CH3930808001234567891',
      },
      accountingCodes: 'default = 4260\ncase = 4260',
    },
  },
];
