export { type ProviderTransaction, signature } from './datatrans.ts';
export { paymentMessages } from './messages.ts';
export {
  cancelUnpaid,
  isUnsettled,
  type Payment,
  type PaymentRequest,
  paymentsFrom,
  requestPayment,
  shownReference,
} from './payments.ts';
export { amountOf, PaymentStatus } from './views/payment-pages.tsx';
