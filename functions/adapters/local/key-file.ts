import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../../core/errors';

const KEY_BYTES = 32;

/**
 * A 32-byte secret key in a file only the owner can read (0600, folder 0700). Created on first use;
 * concurrent first uses agree on one key (exclusive create, then read).
 */
export async function readOrCreateKey(path: string): Promise<Buffer> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  await chmod(path, 0o600);
  const key = await readFile(path);
  if (key.length !== KEY_BYTES) {
    throw new ConfigError(`Key file ${path} must hold ${KEY_BYTES} bytes, found ${key.length}`);
  }
  return key;
}
