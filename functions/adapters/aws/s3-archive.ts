import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ConflictError } from '../../core/errors';
import type { Archive } from '../../core/ports/documents';

/** Object Lock archive: each object gets a COMPLIANCE retention date and is never overwritten. */
export class S3Archive implements Archive {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async store(
    key: string,
    body: Uint8Array,
    options: { contentType?: string; retainYears: number },
  ): Promise<string> {
    const retainUntil = new Date(this.now());
    retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + options.retainYears);
    const put = this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: options.contentType,
        IfNoneMatch: '*',
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: retainUntil,
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    try {
      await put;
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'PreconditionFailed' || name === 'ConditionalRequestConflict') {
        throw new ConflictError(`Archive object ${key} already exists`, { cause: error });
      }
      throw error;
    }
    return retainUntil.toISOString();
  }
}
