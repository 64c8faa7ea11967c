import { S3Client } from '@aws-sdk/client-s3';
import { S3Archive } from '../../../adapters/aws/s3-archive';
import { S3DocumentStore } from '../../../adapters/aws/s3-document-store';
import { REGION } from '../catalog';
import { portEnv } from '../env';

let client: S3Client | undefined;
export const s3 = () => (client ??= new S3Client({ region: REGION }));

export const documents = () => new S3DocumentStore(s3(), portEnv('documents'));
export const archive = () => new S3Archive(s3(), portEnv('archive'));
