import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../../../adapters/aws/ses-mailer';
import { REGION } from '../catalog';
import { portEnv } from '../env';

export const mailer = () => new SesMailer(new SESv2Client({ region: REGION }), portEnv('mailer'));
