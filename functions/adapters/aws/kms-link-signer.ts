import { GenerateMacCommand, type KMSClient, VerifyMacCommand } from '@aws-sdk/client-kms';
import type { LinkSigner } from '../../core/ports/approvals';

const SIGNATURE = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Link signatures with a KMS HMAC key (HMAC_SHA_256): the key never leaves KMS. VerifyMac compares
 * inside KMS; an invalid MAC is a `false`, not an error.
 */
export class KmsLinkSigner implements LinkSigner {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async sign(message: string): Promise<string> {
    const result = await this.kms.send(
      new GenerateMacCommand({
        KeyId: this.keyId,
        MacAlgorithm: 'HMAC_SHA_256',
        Message: new TextEncoder().encode(message),
      }),
    );
    if (!result.Mac) throw new Error('KMS GenerateMac returned no MAC');
    return Buffer.from(result.Mac).toString('base64url');
  }

  async verify(message: string, signature: string): Promise<boolean> {
    if (!SIGNATURE.test(signature)) return false;
    const mac = Buffer.from(signature, 'base64url');
    // Only the canonical encoding: a changed padding bit in the last character is a different link.
    if (mac.length !== 32 || mac.toString('base64url') !== signature) return false;
    try {
      const result = await this.kms.send(
        new VerifyMacCommand({
          KeyId: this.keyId,
          MacAlgorithm: 'HMAC_SHA_256',
          Message: new TextEncoder().encode(message),
          Mac: mac,
        }),
      );
      return result.MacValid === true;
    } catch (error) {
      if (error instanceof Error && error.name === 'KMSInvalidMacException') return false;
      throw error;
    }
  }
}
