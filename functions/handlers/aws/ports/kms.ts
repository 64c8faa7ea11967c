import { KMSClient } from '@aws-sdk/client-kms';
import { KmsLinkSigner } from '../../../adapters/aws/kms-link-signer';
import { KmsSecretBox } from '../../../adapters/aws/kms-secret-box';
import { REGION } from '../catalog';
import { portEnv } from '../env';

let client: KMSClient | undefined;
const kms = () => (client ??= new KMSClient({ region: REGION }));

export const links = () => new KmsLinkSigner(kms(), portEnv('links'));
export const secrets = () => new KmsSecretBox(kms(), portEnv('secrets'));
