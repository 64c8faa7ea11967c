import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { BedrockReasoner } from '../../../adapters/aws/bedrock-reasoner';
import { REGION } from '../catalog';
import { portEnv } from '../env';

export const reasoner = () =>
  new BedrockReasoner(new BedrockRuntimeClient({ region: REGION }), portEnv('reasoner'));
