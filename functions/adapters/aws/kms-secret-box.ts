import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import { LimitExceededError, UnsafeInputError } from '../../core/errors';
import type { SecretBox } from '../../core/ports/approvals';

/** KMS Encrypt takes at most 4 KiB of plaintext; task tokens are 1-2 KiB. */
const MAX_PLAINTEXT_BYTES = 4096;

/**
 * Seals small secrets (task tokens) with a KMS key. The encryption context binds the ciphertext to
 * its record (e.g. approval id and invoice id): a sealed token copied to another record cannot be opened.
 */
export class KmsSecretBox implements SecretBox {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async seal(plaintext: string, context: Record<string, string>): Promise<string> {
    const bytes = new TextEncoder().encode(plaintext);
    if (bytes.length > MAX_PLAINTEXT_BYTES) {
      throw new LimitExceededError(
        `Secret of ${bytes.length} bytes exceeds the KMS limit of ${MAX_PLAINTEXT_BYTES}`,
      );
    }
    const result = await this.kms.send(
      new EncryptCommand({ KeyId: this.keyId, Plaintext: bytes, EncryptionContext: context }),
    );
    if (!result.CiphertextBlob) throw new Error('KMS Encrypt returned no ciphertext');
    return Buffer.from(result.CiphertextBlob).toString('base64');
  }

  async open(sealed: string, context: Record<string, string>): Promise<string> {
    try {
      const result = await this.kms.send(
        new DecryptCommand({
          KeyId: this.keyId,
          CiphertextBlob: Buffer.from(sealed, 'base64'),
          EncryptionContext: context,
        }),
      );
      if (!result.Plaintext) throw new Error('KMS Decrypt returned no plaintext');
      return new TextDecoder().decode(result.Plaintext);
    } catch (error) {
      if (error instanceof Error && error.name === 'InvalidCiphertextException') {
        throw new UnsafeInputError('The sealed secret does not belong to this record or is damaged', {
          cause: error,
        });
      }
      throw error;
    }
  }
}
