/**
 * The merchants the simulator knows, as Saferpay knows its customers: a JSON API user (basic auth)
 * belongs to one customer, with its terminals. The demo's Sion uses the first.
 */
export const simulatedMerchants = [
  {
    customerId: '245678',
    terminalIds: ['17757531'],
    apiUser: 'API_245678_17757531',
    apiPassword: 'simulator-sion',
    brands: ['VISA', 'MASTERCARD', 'TWINT', 'POSTFINANCEPAY'],
  },
];

export type SimulatedMerchant = (typeof simulatedMerchants)[number];

/** Saferpay's test card that is declined; any other well-formed number is accepted. */
export const declinedCard = '4000000000000002';
