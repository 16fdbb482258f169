import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');

/** The least a deployment outside demo mode needs. */
const production = {
  PUBLIC_URL: 'https://guichet.vs.ch',
  MASTER_KEYS: `k1:${key(1)}`,
  COMMERCIAL_REGISTER_URL: 'https://register.example/api',
  METRICS_TOKEN: 'a-long-metrics-token',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the environment', () => {
  it('is enough as it is for the demo, and with four variables outside it', () => {
    expect(loadConfig({ GUICHET_DEMO: 'true' }).commercialRegisterUrl).toBe(
      'http://localhost:3000/simulators/commercial-register',
    );
    const config = loadConfig(production);
    expect(config).toMatchObject({
      demo: false,
      publicUrl: 'https://guichet.vs.ch',
      commercialRegisterUrl: 'https://register.example/api',
      payments: undefined,
      // Authorities' own merchants are reached at the providers themselves outside the demo.
      paymentEndpoints: {
        datatrans: { apiUrl: 'https://api.datatrans.com', payUrl: 'https://pay.datatrans.com' },
        saferpay: { apiUrl: 'https://www.saferpay.com/api' },
      },
      smsGatewayUrl: undefined,
      taxSystem: { url: undefined, token: undefined },
      metrics: undefined,
      secretGenerations: {},
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a port number (0 to 65535), got "eighty"'],
    [{ PORT: '70000' }, 'PORT must be a port number (0 to 65535), got "70000"'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES must be a whole number of at least 1, got "0"'],
    [
      { GUICHET_WORKER_CONCURRENCY: '2.5' },
      'GUICHET_WORKER_CONCURRENCY must be a whole number of at least 1, got "2.5"',
    ],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY must be true or false, got "maybe"'],
    [
      { PUBLIC_URL: 'guichet.vs.ch' },
      'PUBLIC_URL must be an address starting with http:// or https://, got "guichet.vs.ch"',
    ],
    [
      { DATABASE_URL: 'mysql://db/guichet' },
      'DATABASE_URL must be an address starting with postgres:// or postgresql://, got "mysql://db/guichet"',
    ],
    [
      { SMTP_URL: 'mail.example:25' },
      'SMTP_URL must be an address starting with smtp:// or smtps://, got "mail.example:25"',
    ],
    [
      { LOG_LEVEL: 'verbose' },
      'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got "verbose"',
    ],
    [{ DOCUMENT_STORE: 'disk' }, 'DOCUMENT_STORE must be one of postgres, folder, s3, got "disk"'],
    [
      { GUICHET_SECRET: 'short' },
      'GUICHET_SECRET must be at least 32 characters long (e.g. openssl rand -base64 32)',
    ],
    [
      { SECRET_GENERATIONS: 'cookies=2' },
      'SECRET_GENERATIONS names an unknown purpose "cookies" (known: csrf, webhooks, oidc-cookies, oidc-subjects, dev-idp, mobile-codes, login-devices)',
    ],
    [
      { SECRET_GENERATIONS: 'csrf=0' },
      'SECRET_GENERATIONS gives "csrf" the generation "0": a whole number from 1',
    ],
    [
      { GUICHET_IDENTITY_PROVIDERS: '{"id":' },
      'GUICHET_IDENTITY_PROVIDERS is not valid JSON (see README for the form of each provider)',
    ],
    [
      { GUICHET_IDENTITY_PROVIDERS: '{}' },
      'GUICHET_IDENTITY_PROVIDERS must be a JSON array of providers (see README)',
    ],
    [
      { MASTER_KEYS: 'k1:c2hvcnQ=' },
      'MASTER_KEYS each entry is id:<32 bytes in base64>, separated by commas',
    ],
    [{ MASTER_KEYS: `k1:${key(1)},k1:${key(2)}` }, 'MASTER_KEYS ids must differ'],
    [
      { DATATRANS_SIGN_KEY: 'xyz' },
      'DATATRANS_SIGN_KEY must be hexadecimal (the HMAC key from the Datatrans back office)',
    ],
    [{ DOCUMENT_STORE: 's3', S3_BUCKET: 'docs' }, 'S3_ENDPOINT is required when DOCUMENT_STORE is s3'],
    [
      { DATATRANS_MERCHANT_ID: '1100000000' },
      'DATATRANS_PASSWORD is required when DATATRANS_MERCHANT_ID is set',
    ],
    [
      { SEAL_PKCS12_DIR: '/etc/guichet/seals' },
      'SEAL_PKCS12_PASSWORD is required when SEAL_PKCS12_DIR is set',
    ],
    [
      { TSA_URL: 'tsa.example' },
      'TSA_URL must be an address starting with http:// or https://, got "tsa.example"',
    ],
    [
      { PORT: '3000', METRICS_PORT: '3000' },
      'METRICS_PORT must differ from PORT: metrics are served apart from the site',
    ],
  ])('says what is wrong with %o', (env, message) => {
    expect(problemsOf({ ...production, ...env })).toContain(message);
  });

  it('names each missing companion variable', () => {
    expect(problemsOf({ ...production, DOCUMENT_STORE: 's3', S3_BUCKET: 'docs' })).toEqual([
      'S3_ENDPOINT is required when DOCUMENT_STORE is s3',
      'S3_ACCESS_KEY_ID is required when DOCUMENT_STORE is s3',
      'S3_SECRET_ACCESS_KEY is required when DOCUMENT_STORE is s3',
    ]);
  });

  describe('outside demo mode', () => {
    it.each([
      [
        'MASTER_KEYS',
        'MASTER_KEYS is required outside demo mode: documents and second-factor seeds are encrypted with it',
      ],
      [
        'COMMERCIAL_REGISTER_URL',
        'COMMERCIAL_REGISTER_URL is required outside demo mode: the simulator it would otherwise use is served in demo mode only',
      ],
      [
        'METRICS_TOKEN',
        'METRICS_TOKEN or METRICS_PORT is required outside demo mode: /metrics must not be public (see README)',
      ],
    ])('stops without %s', (name, message) => {
      expect(problemsOf({ ...production, [name]: '' })).toEqual([message]);
      expect(problemsOf({ ...production, [name]: '', GUICHET_DEMO: 'true' })).toEqual([]);
    });

    it('accepts a metrics listener of its own instead of the token', () => {
      const config = loadConfig({ ...production, METRICS_TOKEN: '', METRICS_PORT: '9464' });
      expect(config.metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    });

    it.each([
      ['COMMERCIAL_REGISTER_URL', 'https://guichet.vs.ch/simulators/commercial-register'],
      ['COMMERCIAL_REGISTER_URL', 'http://localhost:3000/simulators/commercial-register'],
      ['SMS_GATEWAY_URL', 'http://127.0.0.1:3000/simulators/sms-gateway'],
      ['TSA_URL', 'http://localhost:3000/simulators/tsa'],
      ['TAX_SYSTEM_URL', 'http://localhost:3000/simulators/tax-system/api/v1'],
    ])('refuses %s at a simulator (%s)', (name, value) => {
      expect(problemsOf({ ...production, [name]: value })).toEqual([
        `${name} points at a simulator (${value}), which is served in demo mode only`,
      ]);
      expect(problemsOf({ ...production, [name]: value, GUICHET_DEMO: 'true' })).toEqual([]);
    });

    it('refuses the payment provider at its simulator', () => {
      const datatrans = {
        DATATRANS_MERCHANT_ID: '1100000000',
        DATATRANS_PASSWORD: 'pw',
        DATATRANS_SIGN_KEY: 'ab12',
        DATATRANS_API_URL: 'https://guichet.vs.ch/simulators/datatrans/api',
      };
      expect(problemsOf({ ...production, ...datatrans })).toEqual([
        'DATATRANS_API_URL points at a simulator (https://guichet.vs.ch/simulators/datatrans/api), which is served in demo mode only',
      ]);
    });

    it('refuses an identity provider that is the development one', () => {
      const providers = JSON.stringify([{ id: 'agov', issuer: 'https://guichet.vs.ch/dev-idp' }]);
      expect(problemsOf({ ...production, GUICHET_IDENTITY_PROVIDERS: providers })).toEqual([
        'GUICHET_IDENTITY_PROVIDERS: "agov" has the development provider\'s issuer (https://guichet.vs.ch/dev-idp), which is served in demo mode only',
      ]);
    });
  });

  it('seals with the local CA and the simulated TSA in the demo only, unless allowed', () => {
    expect(loadConfig({ GUICHET_DEMO: 'true' }).seal).toEqual({
      tsaUrl: 'http://localhost:3000/simulators/tsa',
      localCa: true,
      pkcs12: undefined,
    });
    expect(loadConfig(production).seal).toEqual({ tsaUrl: undefined, localCa: false, pkcs12: undefined });
    expect(loadConfig({ ...production, SEAL_LOCAL_CA: 'true' }).seal.localCa).toBe(true);
    expect(
      loadConfig({ ...production, SEAL_PKCS12_DIR: '/etc/guichet/seals', SEAL_PKCS12_PASSWORD: 'pw' }).seal
        .pkcs12,
    ).toEqual({ directory: '/etc/guichet/seals', password: 'pw' });
  });

  it('lists every problem at once', () => {
    expect(() =>
      loadConfig({ PORT: 'x', TRUST_PROXY: 'maybe', SMS_GATEWAY_URL: 'http://localhost/simulators/sms' }),
    ).toThrow(
      [
        'Guichet cannot start: the environment has 6 problems (see README, "Configuration"):',
        '  - PORT must be a port number (0 to 65535), got "x"',
        '  - TRUST_PROXY must be true or false, got "maybe"',
        '  - MASTER_KEYS is required outside demo mode: documents and second-factor seeds are encrypted with it',
        '  - COMMERCIAL_REGISTER_URL is required outside demo mode: the simulator it would otherwise use is served in demo mode only',
        '  - METRICS_TOKEN or METRICS_PORT is required outside demo mode: /metrics must not be public (see README)',
        '  - SMS_GATEWAY_URL points at a simulator (http://localhost/simulators/sms), which is served in demo mode only',
      ].join('\n'),
    );
  });

  it('stops the command line before it touches anything, exiting non-zero', () => {
    const bin = path.resolve(import.meta.dirname, '../../../bin/guichet.js');
    const run = spawnSync(process.execPath, [bin, 'serve'], {
      env: { PATH: process.env.PATH, PUBLIC_URL: 'https://guichet.vs.ch', GUICHET_DATA_DIR: '/nonexistent' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Guichet cannot start: the environment has 3 problems');
    expect(run.stderr).toContain('  - MASTER_KEYS is required outside demo mode');
  });
});
