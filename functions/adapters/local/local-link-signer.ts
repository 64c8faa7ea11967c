import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkSigner } from '../../core/ports/approvals';
import { readOrCreateKey } from './key-file';

const SIGNATURE = /^[A-Za-z0-9_-]{16,128}$/;

/** The local stand-in for KMS GenerateMac/VerifyMac: HMAC-SHA256 with a 32-byte key file (mode 0600). */
export class LocalLinkSigner implements LinkSigner {
  private constructor(private readonly key: Buffer) {}

  /** Reads the key, or creates it on first use. */
  static async fromKeyFile(path: string): Promise<LocalLinkSigner> {
    return new LocalLinkSigner(await readOrCreateKey(path));
  }

  static fromKey(key: Uint8Array): LocalLinkSigner {
    if (key.length !== 32) throw new RangeError(`The link key must be 32 bytes, got ${key.length}`);
    return new LocalLinkSigner(Buffer.from(key));
  }

  async sign(message: string): Promise<string> {
    return createHmac('sha256', this.key).update(message, 'utf8').digest('base64url');
  }

  async verify(message: string, signature: string): Promise<boolean> {
    if (!SIGNATURE.test(signature)) return false;
    const given = Buffer.from(signature, 'base64url');
    // Only the canonical encoding: a changed padding bit in the last character is a different link.
    if (given.toString('base64url') !== signature) return false;
    const expected = createHmac('sha256', this.key).update(message, 'utf8').digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
