export { signature } from './datatrans.ts';
export { demoPaymentSettings } from './demo-payment-settings.ts';
export { isQrIban, validIban } from './iban.ts';
export { paymentMessages } from './messages.ts';
export { type PaymentSettings, paymentSettingsOf, savePaymentSettings } from './payment-settings.ts';
export {
  cancelUnpaid,
  isUnsettled,
  type Payment,
  type PaymentRequest,
  paymentsFrom,
  requestPayment,
  shownReference,
  unsettledFrom,
} from './payments.ts';
export { paymentsCommand, paymentsUsage } from './payments-cli.ts';
export type { PaymentMethod, ProviderTransaction } from './provider.ts';
export { qrBillLayout } from './qr-bill-send.ts';
export { refundables, requestRefund } from './refunds.ts';
export { amountOf, PaymentStatus } from './views/payment-pages.tsx';
