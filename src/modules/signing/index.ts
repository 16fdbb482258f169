export * from './qr/index.ts';
