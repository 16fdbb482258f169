import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

interface Asset {
  url: string;
  body: Buffer;
  contentType: string;
}

/**
 * Static files served under content-hashed names (`guichet.3fa2b1c9.css`) so that browsers may cache
 * them for a year and a new release is picked up at once. Read into memory at start: they are few.
 */
export class AssetRegistry {
  private readonly byName = new Map<string, Asset>();
  private readonly byUrl = new Map<string, Asset>();

  /** Registers every file of `dir` under `prefix/` (e.g. `logos/valais.svg`). */
  addDirectory(dir: string, prefix = ''): this {
    for (const file of readdirSync(dir)) {
      if (contentTypes[path.extname(file)])
        this.addFile(path.join(dir, file), prefix ? `${prefix}/${file}` : file);
    }
    return this;
  }

  /** Registers one file under `name` (e.g. a browser library from node_modules). */
  addFile(file: string, name: string): this {
    const ext = path.extname(name);
    const contentType = contentTypes[ext];
    if (!contentType) throw new Error(`No content type for ${name}`);
    const body = readFileSync(file);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const asset = { url: `/assets/${name.slice(0, -ext.length)}.${hash}${ext}`, body, contentType };
    this.byName.set(name, asset);
    this.byUrl.set(asset.url, asset);
    return this;
  }

  /** The hashed URL of a registered file; a missing asset is a programming error, so it throws. */
  url(name: string): string {
    const asset = this.byName.get(name);
    if (!asset) throw new Error(`Unknown asset ${name}`);
    return asset.url;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  find(url: string): Asset | undefined {
    return this.byUrl.get(url);
  }
}
