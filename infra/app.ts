import { Annotations, App, Tags, Validations } from 'aws-cdk-lib';
import { loadDeploymentConfig, REQUIRED_REGION } from './config';
import { InvoiceAgentChecks } from './nag';
import { InvoiceAgentDataStack } from './stacks/data-stack';
import { InvoiceAgentWorkflowStack } from './stacks/workflow-stack';

/** Builds the invoice-agent app; pinned to eu-central-1. */
export function buildApp(app = new App()): {
  app: App;
  data: InvoiceAgentDataStack;
  workflow: InvoiceAgentWorkflowStack;
} {
  const config = loadDeploymentConfig((key) => app.node.tryGetContext(key));
  const env = { account: config.account, region: REQUIRED_REGION };
  const data = new InvoiceAgentDataStack(app, 'InvoiceAgentData', {
    env,
    config,
    description: 'invoice-agent: keys, buckets, tables, mail intake',
  });
  const workflow = new InvoiceAgentWorkflowStack(app, 'InvoiceAgentWorkflow', {
    env,
    config,
    data,
    description: 'invoice-agent: steps, state machine, approval endpoint',
  });
  Annotations.of(workflow).acknowledgeWarning(
    '@aws-cdk/core:crossStackReferencesDefaultStrong',
    'Strong references are intended: the workflow stack must not outlive the data stack it uses.',
  );
  Tags.of(app).add('application', 'invoice-agent');
  Tags.of(app).add('data-residency', 'eu');
  if (app.node.tryGetContext('nag') !== false) Validations.of(app).addPlugins(new InvoiceAgentChecks(app));
  return { app, data, workflow };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  try {
    buildApp().app.synth();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
