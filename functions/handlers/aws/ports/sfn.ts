import { SFNClient } from '@aws-sdk/client-sfn';
import { SfnTaskResponder } from '../../../adapters/aws/sfn-task-responder';
import { SfnWorkflowStarter } from '../../../adapters/aws/sfn-workflow';
import { REGION } from '../catalog';
import { portEnv } from '../env';

let client: SFNClient | undefined;
const sfn = () => (client ??= new SFNClient({ region: REGION }));

export const tasks = () => new SfnTaskResponder(sfn());
export const workflow = () => new SfnWorkflowStarter(sfn(), portEnv('workflow'));
