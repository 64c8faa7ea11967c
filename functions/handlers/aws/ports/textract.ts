import { TextractClient } from '@aws-sdk/client-textract';
import { TextractOcr } from '../../../adapters/aws/textract-ocr';
import { INTAKE_PREFIXES } from '../../../core/config/settings';
import { REGION } from '../catalog';
import { portEnv } from '../env';
import { s3 } from './s3';

/** Multi-page PDFs go through the asynchronous API, staged in the intake bucket. */
export const ocr = () =>
  new TextractOcr({
    textract: new TextractClient({ region: REGION }),
    staging: { s3: s3(), bucket: portEnv('ocr'), keyPrefix: INTAKE_PREFIXES.textract },
  });
