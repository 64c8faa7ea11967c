import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { parseCompanyConfig } from '../../functions/core/config/company';
import { INTAKE_PREFIXES } from '../../functions/core/config/settings';
import type { PolicyConfig } from '../../functions/core/policy/config';
import { STEPS, TASK_STEPS } from '../../functions/steps';
import type { AnyStep } from '../../functions/steps/define';
import { expandDefinition, humanWaitTimeouts } from '../../statemachines/definition';
import { type DeploymentConfig, deployedPolicy } from '../config';
import { InvoiceFunction } from '../constructs/invoice-function';
import { bindPorts, type PortResources, type SettingValues } from '../constructs/port-grants';
import { acknowledgeRule } from '../nag';
import type { InvoiceAgentDataStack } from './data-stack';

export interface WorkflowStackProps extends StackProps {
  config: DeploymentConfig;
  data: InvoiceAgentDataStack;
}

export const STATE_MACHINE_NAME = 'invoice-agent-processing';

/** The invoice path: one Lambda per step, the state machine from the ASL file, intake trigger and approval endpoint. */
export class InvoiceAgentWorkflowStack extends Stack {
  readonly stateMachine: sfn.StateMachine;
  /** One function per declared step, by step name. */
  readonly functions: ReadonlyMap<string, InvoiceFunction>;
  readonly approvalEndpoint: InvoiceFunction;
  readonly approvalUrl: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    const { invoices, audit, masterData, approvals } = data.tables;
    const retention = config.logRetentionDays as logs.RetentionDays;

    // Named ARN, so that grants on it do not create a dependency cycle with the functions it calls.
    const stateMachineArn = this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: STATE_MACHINE_NAME,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    const linkKey = new kms.Key(this, 'ApprovalLinkKey', {
      description: 'invoice-agent: HMAC key that signs approval links (never leaves KMS)',
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // One function per declared step, granted exactly what the declaration asks for.
    const functions = new Map<string, InvoiceFunction>(
      STEPS.map((step: AnyStep) => [
        step.name,
        new InvoiceFunction(this, functionId(step), {
          step,
          logRetention: retention,
          sourceMaps: config.sourceMaps,
        }),
      ]),
    );
    this.functions = functions;
    const fn = (name: string) => functions.get(name) as InvoiceFunction;
    this.approvalEndpoint = fn('ApprovalEndpoint');
    this.approvalUrl = this.approvalEndpoint.fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const resources: PortResources = {
      stack: this,
      intakeBucket: data.intakeBucket,
      archiveBucket: data.archiveBucket,
      tables: { invoices, audit, masterData, approvals },
      linkKey,
      dataKey: data.key,
      stateMachineArn,
      senderAddress: config.senderAddress,
      modelId: config.modelId,
    };
    const settings = settingValues(config, this.approvalUrl.url);
    for (const f of functions.values()) bindPorts(f, resources, settings);

    const asl = this.renderDefinition(config);
    const logGroup = new logs.LogGroup(this, 'StateMachineLogs', {
      retention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stateMachine = new sfn.StateMachine(this, 'InvoiceProcessing', {
      stateMachineName: STATE_MACHINE_NAME,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(asl),
      definitionSubstitutions: Object.fromEntries(
        TASK_STEPS.map((step) => [`${step.name}FunctionArn`, fn(step.name).fn.functionArn]),
      ),
      tracingEnabled: true,
      // Execution data stays out of logs: it would carry task tokens.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    // DefinitionBody.fromFile gets no automatic grants: each is explicit.
    for (const step of TASK_STEPS) fn(step.name).fn.grantInvoke(this.stateMachine);
    acknowledgeRule(
      this.stateMachine,
      'AwsSolutions-IAM5',
      'lambda:InvokeFunction on each step function and its versions (<arn>:*), and X-Ray/log delivery which have no resource-level permissions.',
    );

    const start = fn('StartProcessing');
    const deadLetters = new sqs.Queue(this, 'IntakeDeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: data.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeRule(
      deadLetters,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the intake rule.',
    );
    new events.Rule(this, 'MailStored', {
      description: 'A mail arrived in the intake bucket',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [data.intakeBucket.bucketName] },
          object: { key: [{ prefix: INTAKE_PREFIXES.rawMail }] },
        },
      },
      targets: [new targets.LambdaFunction(start.fn, { deadLetterQueue: deadLetters, retryAttempts: 8 })],
    });

    this.addAlarms(config, deadLetters, data.key);
    new CfnOutput(this, 'ApprovalUrl', { value: this.approvalUrl.url });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
  }

  /** Renders numeric settings into the ASL; function ARNs stay placeholders for CloudFormation. */
  /** The deployable ASL (retries, timeouts and waits expanded); function ARNs stay placeholders. */
  private renderDefinition(config: DeploymentConfig): string {
    const waits = humanWaitTimeouts({
      remindAfterHours: config.approvalRemindAfterHours,
      escalateAfterHours: config.approvalEscalateAfterHours,
      parkAfterHours: config.approvalParkAfterHours,
      clarificationTimeoutHours: config.clarificationTimeoutHours,
    });
    const text = `${JSON.stringify(expandDefinition(waits), null, 2)}\n`;
    const dir = join(tmpdir(), 'invoice-agent-asl');
    mkdirSync(dir, { recursive: true });
    const file = join(
      dir,
      `invoice-processing-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.asl.json`,
    );
    writeFileSync(file, text);
    return file;
  }

  private addAlarms(config: DeploymentConfig, deadLetters: sqs.Queue, key: kms.IKey): void {
    const topic = new sns.Topic(this, 'OpsAlerts', { masterKey: key, enforceSSL: true });
    if (config.opsEmail) topic.addSubscription(new subscriptions.EmailSubscription(config.opsEmail));
    const alarms = [
      new cloudwatch.Alarm(this, 'ExecutionsFailed', {
        alarmDescription: 'An invoice execution failed even after quarantine: look at it now.',
        metric: this.stateMachine.metricFailed({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'IntakeNotStarted', {
        alarmDescription: 'A stored mail could not start an execution.',
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
    for (const alarm of alarms) alarm.addAlarmAction(new cwActions.SnsAction(topic));
  }
}

function withoutVersion({
  policyVersion: _version,
  ...settings
}: PolicyConfig): Omit<PolicyConfig, 'policyVersion'> {
  return settings;
}

/** Construct ids are a contract: `<Step>Step` for state machine tasks, the step name for the others. */
function functionId(step: AnyStep): string {
  return step.trigger === 'task' ? `${step.name}Step` : step.name;
}

/** What each setting is in this deployment. */
function settingValues(config: DeploymentConfig, approvalUrl: string): SettingValues {
  return {
    senderAddress: config.senderAddress,
    financeTeamEmail: config.financeTeamEmail,
    intakeAddress: config.intakeAddress,
    defaultApprovers: config.approverEmails.join(','),
    approvalBaseUrl: approvalUrl,
    approvalLinkTtlHours: String(config.approvalLinkTtlHours),
    archiveRetentionYears: String(config.archiveRetentionYears),
    // Validated at synth; the functions validate it again at cold start.
    policy: JSON.stringify(withoutVersion(deployedPolicy(config))),
    company: JSON.stringify(parseCompanyConfig(config.company)),
    // SES stamps spam and virus verdicts on every mail it receives.
    mailVerdictsRequired: 'true',
  };
}
