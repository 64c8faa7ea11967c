import { constants } from 'node:fs';
import { mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { ConflictError, NotFoundError, UnsafeInputError } from '../../core/errors';
import type { LinkSigner } from '../../core/ports/approvals';
import type { Archive, DocumentStore } from '../../core/ports/documents';

/** Maps an object key to a file below root; keys that would escape it are refused. */
function fileFor(root: string, key: string): string {
  const path = resolve(root, key);
  if (!key || key.includes('\0') || !path.startsWith(root + sep)) {
    throw new UnsafeInputError(`Object key "${key}" is not allowed`);
  }
  return path;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * The intake bucket on disk: objects are files under `root`, content types in a sidecar file.
 * View URLs point at the local web server and are signed like approval links (expiry + HMAC).
 */
export class FileDocumentStore implements DocumentStore {
  readonly root: string;

  constructor(
    root: string,
    private readonly view: { baseUrl: () => string; signer: LinkSigner; now?: () => Date },
  ) {
    this.root = resolve(root);
  }

  async put(key: string, body: Uint8Array | string, options: { contentType?: string } = {}): Promise<void> {
    const path = fileFor(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
    if (options.contentType) await writeFile(`${path}.content-type`, options.contentType);
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(fileFor(this.root, key)));
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(`No object ${key}`);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(fileFor(this.root, key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async contentType(key: string): Promise<string> {
    try {
      return (await readFile(`${fileFor(this.root, key)}.content-type`, 'utf8')).trim();
    } catch {
      return 'application/octet-stream';
    }
  }

  async viewUrl(key: string, expiresInSeconds: number): Promise<string> {
    const now = this.view.now?.() ?? new Date();
    const expires = Math.floor(now.getTime() / 1000) + expiresInSeconds;
    const signature = await this.view.signer.sign(documentLinkMessage(key, expires));
    const query = new URLSearchParams({ key, exp: String(expires), sig: signature });
    return `${this.view.baseUrl()}/documents?${query}`;
  }

  /** Checks a view URL's query; the key when valid and unexpired. */
  async verifyView(query: URLSearchParams): Promise<string | undefined> {
    const key = query.get('key');
    const expires = Number(query.get('exp'));
    const signature = query.get('sig');
    if (!key || !signature || !Number.isInteger(expires)) return undefined;
    if (expires * 1000 < (this.view.now?.() ?? new Date()).getTime()) return undefined;
    return (await this.view.signer.verify(documentLinkMessage(key, expires), signature)) ? key : undefined;
  }
}

function documentLinkMessage(key: string, expires: number): string {
  return `document-view|${key}|${expires}`;
}

/** Write-once archive on disk (the Object Lock stand-in): existing objects are never replaced. */
export class FileArchive implements Archive {
  readonly root: string;

  constructor(
    root: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.root = resolve(root);
  }

  async store(
    key: string,
    body: Uint8Array,
    options: { contentType?: string; retainYears: number },
  ): Promise<string> {
    const path = fileFor(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    const retainUntil = new Date(this.now());
    retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + options.retainYears);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o444);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new ConflictError(`Archive object ${key} already exists`);
      throw error;
    }
    try {
      await handle.writeFile(body);
    } finally {
      await handle.close();
    }
    await writeFile(
      join(dirname(path), `.${key.split('/').pop()}.retention.json`),
      JSON.stringify({ key, contentType: options.contentType, retainUntil: retainUntil.toISOString() }),
    );
    return retainUntil.toISOString();
  }
}
