import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UnsafeInputError } from '../../core/errors';
import type { SecretBox } from '../../core/ports/approvals';
import { readOrCreateKey } from './key-file';

/**
 * The local stand-in for KMS Encrypt/Decrypt: AES-256-GCM with a key file. The context is bound as
 * additional authenticated data, so a sealed value only opens for the record it was sealed for.
 * Format: v1.<iv>.<ciphertext>.<tag> (base64url).
 */
export class LocalSecretBox implements SecretBox {
  private constructor(private readonly key: Buffer) {}

  static async fromKeyFile(path: string): Promise<LocalSecretBox> {
    return new LocalSecretBox(await readOrCreateKey(path));
  }

  static fromKey(key: Uint8Array): LocalSecretBox {
    if (key.length !== 32) throw new RangeError(`The secret-box key must be 32 bytes, got ${key.length}`);
    return new LocalSecretBox(Buffer.from(key));
  }

  async seal(plaintext: string, context: Record<string, string>): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aad(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, ciphertext, cipher.getAuthTag()]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  async open(sealed: string, context: Record<string, string>): Promise<string> {
    const [version, iv, ciphertext, tag] = sealed.split('.');
    if (version !== 'v1' || !iv || ciphertext === undefined || !tag) {
      throw new UnsafeInputError('The sealed secret is not in a known format');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(aad(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch (cause) {
      throw new UnsafeInputError('The sealed secret does not belong to this record or is damaged', { cause });
    }
  }
}

/** Canonical context bytes: sorted keys, so the order callers pass them in does not matter. */
function aad(context: Record<string, string>): Buffer {
  return Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b))));
}
