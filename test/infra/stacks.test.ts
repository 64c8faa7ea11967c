import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';

/** The synthesized CloudFormation: region, encryption, intake, state machine wiring and cdk-nag. */

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

function synth(context: Record<string, unknown> = {}) {
  // Bundling is skipped here (the real `cdk synth` bundles every handler with esbuild).
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context } });
  return buildApp(app);
}

let data: Template;
let workflow: Template;
let built: ReturnType<typeof synth>;

beforeAll(() => {
  built = synth();
  data = Template.fromStack(built.data);
  workflow = Template.fromStack(built.workflow);
}, 120_000);

describe('region and configuration', () => {
  it('pins both stacks to eu-central-1', () => {
    expect(built.data.region).toBe('eu-central-1');
    expect(built.workflow.region).toBe('eu-central-1');
  });

  it('refuses any other region with a clear message', () => {
    expect(() => synth({ region: 'us-east-1' })).toThrow(/must be deployed to eu-central-1.*"us-east-1"/);
  });

  it('refuses a Bedrock model that is not an EU inference profile', () => {
    expect(() => synth({ modelId: 'us.anthropic.claude-3-haiku' })).toThrow(
      /modelId: must be an EU cross-region/,
    );
  });

  it('refuses approval links that would expire before the next mail brings a new one', () => {
    expect(() => synth({ approvalLinkTtlHours: 24 })).toThrow(
      /approvalLinkTtlHours: must be at least the longest wait/,
    );
  });

  it('refuses an invalid policy at synth, naming the key', () => {
    expect(() => synth({ policy: { autonomyLevel: 5 } })).toThrow(/policy.*autonomyLevel/s);
  });
});

describe('data stack', () => {
  it('names the rule set to activate and outputs the master data table for the import', () => {
    data.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'invoice-agent-intake' });
    expect(Object.keys(data.findOutputs('*'))).toEqual(
      expect.arrayContaining(['ReceiptRuleSetName', 'MasterDataTableName', 'IntakeBucketName']),
    );
  });

  it('receives mail for the intake address into raw/ with scanning', () => {
    data.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Recipients: [cdkJson.context.intakeAddress],
        ScanEnabled: true,
        Actions: [Match.objectLike({ S3Action: Match.objectLike({ ObjectKeyPrefix: 'raw/' }) })],
      }),
    });
  });

  it('encrypts the intake bucket with the customer key, blocks public access and keeps versions', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
          }),
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    const policies = Object.values(data.findResources('AWS::S3::BucketPolicy'));
    expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
  });

  it('lets S3 deliver access logs by a bucket policy scoped to our account, not by an ACL', () => {
    // Prepare
    const logDelivery = Match.objectLike({
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': cdkJson.context.account } }),
    });
    // Act
    const withAcl = data.findResources('AWS::S3::Bucket', {
      Properties: { AccessControl: Match.anyValue() },
    });
    // Assess
    expect(Object.keys(withAcl)).toEqual([]);
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([logDelivery]) }),
    });
  });

  it('locks the archive (Object Lock, compliance retention)', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: Match.objectLike({
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: Match.objectLike({ Mode: 'COMPLIANCE' }) },
      }),
    });
  });

  it('has four tables with point-in-time recovery and the customer key', () => {
    const tables = Object.values(data.findResources('AWS::DynamoDB::GlobalTable'));
    expect(tables).toHaveLength(4);
    for (const table of tables) {
      const replica = table.Properties.Replicas[0];
      expect(replica.PointInTimeRecoverySpecification).toMatchObject({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
    }
  });
});

describe('workflow stack', () => {
  it('runs every function on nodejs22.x and arm64', () => {
    const functions = Object.values(workflow.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Runtime !== undefined && !String(f.Properties.Handler).includes('LogRetention'),
    );
    expect(functions.length).toBeGreaterThanOrEqual(12);
    for (const f of functions) {
      expect(f.Properties.Runtime).toBe('nodejs22.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
    }
  });

  it('defines a STANDARD state machine from the ASL file, every placeholder substituted', () => {
    const [machine] = Object.values(workflow.findResources('AWS::StepFunctions::StateMachine'));
    expect(machine?.Properties.StateMachineType).toBe('STANDARD');
    expect(machine?.Properties.DefinitionS3Location).toBeDefined();
    // DefinitionBody.fromFile ships the rendered ASL as an asset of the cloud assembly.
    const outdir = built.app.synth().directory;
    const assets = readdirSync(outdir).filter((f) => f.startsWith('asset.') && f.endsWith('.json'));
    const definition = assets
      .map((f) => readFileSync(join(outdir, f), 'utf8'))
      .find((t) => t.includes('"StartAt": "ParseMail"'));
    expect(definition).toBeDefined();
    const asl = JSON.parse(definition as string);
    expect(asl.States.ProcessInvoices.ItemProcessor.States.RequestApproval).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      TimeoutSeconds: 172800,
      Catch: expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['States.Timeout'] })]),
    });
    expect(definition).not.toMatch(/\$\{\w+Seconds\}/);
    const substitutions = Object.keys(machine?.Properties.DefinitionSubstitutions ?? {});
    expect(substitutions.sort()).toEqual(
      [
        'Archive',
        'AwaitHuman',
        'Check',
        'Escalate',
        'Extract',
        'Notify',
        'ParseMail',
        'Quarantine',
        'Reason',
        'RecordOutcome',
      ]
        .map((s) => `${s}FunctionArn`)
        .sort(),
    );
  });

  it('starts executions from S3 object-created events under raw/', () => {
    workflow.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: Match.objectLike({ object: { key: [{ prefix: 'raw/' }] } }),
      }),
    });
  });

  it('exposes the approval endpoint as a Function URL', () => {
    workflow.resourceCountIs('AWS::Lambda::Url', 1);
  });

  it('denies Bedrock inference profiles outside the EU', () => {
    const policies = JSON.stringify(workflow.findResources('AWS::IAM::Policy'));
    expect(policies).toMatch(/"Effect":"Deny"[^}]*bedrock/);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged errors', () => {
    for (const stack of [built.data, built.workflow]) {
      const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
      expect(errors.map((e) => e.entry.data)).toEqual([]);
    }
  });
});
