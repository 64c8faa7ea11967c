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
import {
  APPROVALS_TABLE,
  AUDIT_TABLE,
  INVOICES_TABLE,
  MASTER_DATA_TABLE,
} from '../../functions/adapters/aws/table-schemas';
import type { PolicyConfig } from '../../functions/core/policy/config';
import {
  humanWaitTimeouts,
  readDefinitionTemplate,
  renderNumbers,
  STEP_FUNCTIONS,
  type StepFunctionName,
} from '../../statemachines/definition';
import { type DeploymentConfig, deployedPolicy } from '../config';
import { InvoiceFunction } from '../constructs/invoice-function';
import { acknowledgeRule } from '../nag';
import { type InvoiceAgentDataStack, RAW_MAIL_PREFIX } from './data-stack';

export interface WorkflowStackProps extends StackProps {
  config: DeploymentConfig;
  data: InvoiceAgentDataStack;
}

export const STATE_MACHINE_NAME = 'invoice-agent-processing';

/** The invoice path: one Lambda per step, the state machine from the ASL file, intake trigger and approval endpoint. */
export class InvoiceAgentWorkflowStack extends Stack {
  readonly stateMachine: sfn.StateMachine;
  readonly steps: Record<StepFunctionName, InvoiceFunction>;
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

    const policyEnv = {
      // Validated at synth; the functions validate it again at cold start.
      POLICY_JSON: JSON.stringify(withoutVersion(deployedPolicy(config))),
    };
    const mailEnv = {
      SENDER_ADDRESS: config.senderAddress,
      FINANCE_TEAM_EMAIL: config.financeTeamEmail,
      DEFAULT_APPROVERS: config.approverEmails.join(','),
      INTAKE_ADDRESS: config.intakeAddress,
    };
    const step = (
      name: StepFunctionName,
      handler: string,
      description: string,
      extra: Partial<{ memorySize: number; timeout: Duration }> = {},
    ) =>
      new InvoiceFunction(this, `${name}Step`, {
        handler,
        description,
        logRetention: retention,
        environment: { ...mailEnv },
        ...extra,
      });

    const steps: Record<StepFunctionName, InvoiceFunction> = {
      ParseMail: step('ParseMail', 'parse-mail', 'Reads the raw mail, verdicts and attachments'),
      Extract: step('Extract', 'extract', 'Reads the invoice: e-invoice XML, PDF text or OCR', {
        memorySize: 1536,
        timeout: Duration.minutes(10),
      }),
      Check: step('Check', 'check', 'Validates, checks against master data and decides the route', {
        memorySize: 1024,
      }),
      Reason: step('Reason', 'reason', 'Explains and codes the invoice with Bedrock', {
        timeout: Duration.minutes(2),
      }),
      RecordOutcome: step(
        'RecordOutcome',
        'record-outcome',
        'Records a policy outcome (auto-approval, rejection)',
      ),
      AwaitHuman: step(
        'AwaitHuman',
        'await-human',
        'Asks a person: stores the task token, mails a signed link',
      ),
      Escalate: step('Escalate', 'escalate', 'Reminds, escalates to the deputy or parks a waiting invoice'),
      Quarantine: step(
        'Quarantine',
        'quarantine',
        'Keeps an unprocessable invoice with its reason and tells a person',
      ),
      Archive: step('Archive', 'archive', 'Copies the original into the Object Lock archive'),
      Notify: step('Notify', 'notify', 'Tells finance the outcome'),
    };
    this.steps = steps;

    // Least privilege, step by step.
    steps.ParseMail.bindBucket('INTAKE_BUCKET', data.intakeBucket, 'readWrite')
      .bindTable(INVOICES_TABLE, invoices, 'readWrite')
      .bindTable(AUDIT_TABLE, audit, 'append');
    steps.Extract.bindBucket('INTAKE_BUCKET', data.intakeBucket, 'readWrite')
      .bindTable(INVOICES_TABLE, invoices, 'readWrite')
      .bindTable(AUDIT_TABLE, audit, 'append');
    steps.Extract.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'textract:AnalyzeDocument',
          'textract:StartDocumentAnalysis',
          'textract:GetDocumentAnalysis',
        ],
        resources: ['*'],
      }),
    );
    steps.Check.bindBucket('INTAKE_BUCKET', data.intakeBucket, 'read')
      .bindTable(INVOICES_TABLE, invoices, 'readWrite')
      .bindTable(MASTER_DATA_TABLE, masterData, 'read')
      .bindTable(AUDIT_TABLE, audit, 'append');
    for (const [k, v] of Object.entries(policyEnv)) steps.Check.addEnvironment(k, v);
    steps.Reason.bindBucket('INTAKE_BUCKET', data.intakeBucket, 'read')
      .bindTable(INVOICES_TABLE, invoices, 'readWrite')
      .bindTable(MASTER_DATA_TABLE, masterData, 'read')
      .bindTable(AUDIT_TABLE, audit, 'append')
      .addEnvironment('BEDROCK_MODEL_ID', config.modelId);
    this.grantBedrock(steps.Reason, config.modelId);
    steps.RecordOutcome.bindTable(INVOICES_TABLE, invoices, 'readWrite').bindTable(
      AUDIT_TABLE,
      audit,
      'append',
    );
    for (const fn of [steps.AwaitHuman, steps.Escalate]) {
      fn.bindBucket('INTAKE_BUCKET', data.intakeBucket, 'read')
        .bindTable(INVOICES_TABLE, invoices, 'readWrite')
        .bindTable(APPROVALS_TABLE, approvals, 'readWrite')
        .bindTable(MASTER_DATA_TABLE, masterData, 'read')
        .bindTable(AUDIT_TABLE, audit, 'append')
        .addEnvironment('LINK_KEY_ID', linkKey.keyId)
        .addEnvironment('DATA_KEY_ID', data.key.keyId)
        .addEnvironment('APPROVAL_LINK_TTL_HOURS', String(config.approvalLinkTtlHours));
      for (const [k, v] of Object.entries(policyEnv)) fn.addEnvironment(k, v);
      linkKey.grant(fn.fn, 'kms:GenerateMac');
      data.key.grantEncrypt(fn.fn);
    }
    // A decision made while no wait was open answers the next wait's token at once.
    steps.AwaitHuman.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [stateMachineArn] }),
    );
    steps.Quarantine.bindBucket('INTAKE_BUCKET', data.intakeBucket, 'read')
      .bindTable(INVOICES_TABLE, invoices, 'readWrite')
      .bindTable(AUDIT_TABLE, audit, 'append');
    for (const [k, v] of Object.entries(policyEnv)) steps.Quarantine.addEnvironment(k, v);
    steps.Archive.bindBucket('INTAKE_BUCKET', data.intakeBucket, 'read')
      .bindBucket('ARCHIVE_BUCKET', data.archiveBucket, 'put')
      .bindTable(INVOICES_TABLE, invoices, 'readWrite')
      .bindTable(AUDIT_TABLE, audit, 'append')
      .addEnvironment('ARCHIVE_RETENTION_YEARS', String(config.archiveRetentionYears));
    steps.Archive.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObjectRetention'],
        resources: [data.archiveBucket.arnForObjects('*')],
      }),
    );
    // Read on the intake bucket makes the document links in the mail (presigned) work.
    steps.Notify.bindBucket('INTAKE_BUCKET', data.intakeBucket, 'read')
      .bindTable(INVOICES_TABLE, invoices, 'read')
      .bindTable(AUDIT_TABLE, audit, 'append');
    for (const fn of [steps.AwaitHuman, steps.Escalate, steps.Quarantine, steps.Notify])
      this.grantSendMail(fn, config);

    // The approval endpoint: pages for people, decisions by POST only; resumes the waiting task.
    this.approvalEndpoint = new InvoiceFunction(this, 'ApprovalEndpoint', {
      handler: 'approval-endpoint',
      description: 'Approval pages (GET renders, POST decides) behind signed links',
      logRetention: retention,
      environment: { ...mailEnv, ...policyEnv, APPROVAL_LINK_TTL_HOURS: String(config.approvalLinkTtlHours) },
    });
    this.approvalEndpoint
      .bindBucket('INTAKE_BUCKET', data.intakeBucket, 'read')
      .bindTable(INVOICES_TABLE, invoices, 'readWrite')
      .bindTable(APPROVALS_TABLE, approvals, 'readWrite')
      .bindTable(MASTER_DATA_TABLE, masterData, 'read')
      .bindTable(AUDIT_TABLE, audit, 'append')
      .addEnvironment('LINK_KEY_ID', linkKey.keyId)
      .addEnvironment('DATA_KEY_ID', data.key.keyId)
      .addEnvironment('STATE_MACHINE_ARN', stateMachineArn);
    linkKey.grant(this.approvalEndpoint.fn, 'kms:GenerateMac', 'kms:VerifyMac');
    data.key.grantDecrypt(this.approvalEndpoint.fn);
    this.approvalEndpoint.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
        resources: [stateMachineArn],
      }),
    );
    this.grantSendMail(this.approvalEndpoint, config);
    this.approvalUrl = this.approvalEndpoint.fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    for (const fn of [steps.AwaitHuman, steps.Escalate, steps.Notify, steps.Quarantine]) {
      fn.addEnvironment('APPROVAL_BASE_URL', this.approvalUrl.url);
    }

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
        STEP_FUNCTIONS.map((name) => [`${name}FunctionArn`, steps[name].fn.functionArn]),
      ),
      tracingEnabled: true,
      // Execution data stays out of logs: it would carry task tokens.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    // DefinitionBody.fromFile gets no automatic grants: each is explicit.
    for (const name of STEP_FUNCTIONS) steps[name].fn.grantInvoke(this.stateMachine);
    acknowledgeRule(
      this.stateMachine,
      'AwsSolutions-IAM5',
      'lambda:InvokeFunction on each step function and its versions (<arn>:*), and X-Ray/log delivery which have no resource-level permissions.',
    );

    const start = new InvoiceFunction(this, 'StartProcessing', {
      handler: 'start-processing',
      description: 'Starts one execution per stored mail; the name is derived from the object key',
      logRetention: retention,
      environment: { STATE_MACHINE_ARN: stateMachineArn },
    });
    this.stateMachine.grantStartExecution(start.fn);
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
          object: { key: [{ prefix: RAW_MAIL_PREFIX }] },
        },
      },
      targets: [new targets.LambdaFunction(start.fn, { deadLetterQueue: deadLetters, retryAttempts: 8 })],
    });

    this.addAlarms(config, deadLetters, data.key);
    new CfnOutput(this, 'ApprovalUrl', { value: this.approvalUrl.url });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
  }

  /** Renders numeric settings into the ASL; function ARNs stay placeholders for CloudFormation. */
  private renderDefinition(config: DeploymentConfig): string {
    const timeouts = humanWaitTimeouts({
      remindAfterHours: config.approvalRemindAfterHours,
      escalateAfterHours: config.approvalEscalateAfterHours,
      parkAfterHours: config.approvalParkAfterHours,
      clarificationTimeoutHours: config.clarificationTimeoutHours,
    });
    const text = renderNumbers(readDefinitionTemplate(), { ...timeouts });
    const dir = join(tmpdir(), 'invoice-agent-asl');
    mkdirSync(dir, { recursive: true });
    const file = join(
      dir,
      `invoice-processing-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.asl.json`,
    );
    writeFileSync(file, text);
    return file;
  }

  private grantBedrock(fn: InvoiceFunction, modelId: string): void {
    const foundationModel = modelId.replace(/^eu\./, '');
    fn.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['bedrock:InvokeModel', 'bedrock:Converse'],
        resources: [
          this.formatArn({ service: 'bedrock', resource: 'inference-profile', resourceName: modelId }),
          `arn:aws:bedrock:eu-*::foundation-model/${foundationModel}`,
        ],
      }),
    );
    // Global profiles may route outside the EU.
    fn.fn.addToRolePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['bedrock:*'],
        resources: [
          'arn:aws:bedrock:*:*:inference-profile/global.*',
          'arn:aws:bedrock:*:*:inference-profile/us.*',
          'arn:aws:bedrock:*:*:inference-profile/apac.*',
        ],
      }),
    );
  }

  private grantSendMail(fn: InvoiceFunction, config: DeploymentConfig): void {
    fn.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [this.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
        conditions: { StringEquals: { 'ses:FromAddress': config.senderAddress } },
      }),
    );
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
