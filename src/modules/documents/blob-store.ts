import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AwsClient } from 'aws4fetch';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { DocumentsTables } from './tables.ts';

/** Where encrypted document bytes live; keys are document ids. Only ciphertext ever reaches a store. */
export interface BlobStore {
  readonly kind: 'postgres' | 'folder' | 's3';
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}

export type BlobStoreConfig =
  | { kind: 'postgres' }
  | { kind: 'folder'; directory: string }
  | {
      kind: 's3';
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
    };

export function createBlobStore(config: BlobStoreConfig, db: Db): BlobStore {
  switch (config.kind) {
    case 'postgres':
      return postgresStore(db);
    case 'folder':
      return folderStore(config.directory);
    case 's3':
      return s3Store(config);
  }
}

function postgresStore(db: Db): BlobStore {
  const blobs = () => tablesOf<DocumentsTables>(db);
  return {
    kind: 'postgres',
    async put(key, bytes) {
      await blobs()
        .insertInto('document_blobs')
        .values({ key, bytes })
        .onConflict((oc) => oc.column('key').doUpdateSet({ bytes }))
        .execute();
    },
    async get(key) {
      const row = await blobs()
        .selectFrom('document_blobs')
        .select('bytes')
        .where('key', '=', key)
        .executeTakeFirst();
      return row?.bytes;
    },
    async delete(key) {
      await blobs().deleteFrom('document_blobs').where('key', '=', key).execute();
    },
  };
}

function folderStore(directory: string): BlobStore {
  // Two levels of fan-out keep folders small; ids are UUIDs, so no path can escape the directory.
  const file = (key: string) => {
    if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error(`Invalid blob key ${key}`);
    return path.join(directory, key.slice(0, 2), key.slice(2, 4), key);
  };
  return {
    kind: 'folder',
    async put(key, bytes) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Written aside then renamed: a crash never leaves half a blob under the real name.
      await writeFile(`${target}.partial`, bytes, { mode: 0o600 });
      await rename(`${target}.partial`, target);
    },
    async get(key) {
      try {
        return await readFile(file(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(key) {
      await rm(file(key), { force: true });
    },
  };
}

function s3Store(config: Extract<BlobStoreConfig, { kind: 's3' }>): BlobStore {
  const client = new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    service: 's3',
    region: config.region,
  });
  // Path-style addressing: what S3-compatible stores (MinIO, Ceph, Garage…) all accept.
  const url = (key: string) => `${config.endpoint.replace(/\/$/, '')}/${config.bucket}/documents/${key}`;
  const call = async (key: string, init: RequestInit, accept: number[]) => {
    const response = await client.fetch(url(key), { ...init, signal: AbortSignal.timeout(30_000) });
    if (!accept.includes(response.status))
      throw new Error(`Object store answered ${response.status} to ${init.method ?? 'GET'} ${key}`);
    return response;
  };
  return {
    kind: 's3',
    async put(key, bytes) {
      await call(key, { method: 'PUT', body: new Uint8Array(bytes) }, [200]);
    },
    async get(key) {
      const response = await call(key, { method: 'GET' }, [200, 404]);
      return response.status === 404 ? undefined : Buffer.from(await response.arrayBuffer());
    },
    async delete(key) {
      await call(key, { method: 'DELETE' }, [200, 204, 404]);
    },
  };
}
