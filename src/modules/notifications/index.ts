export { deliveriesOf, type NotificationRequest, notify } from './outbox.ts';
export { hasPushSubscription, listPushSubscriptions, sendPush } from './push-subscriptions.ts';
