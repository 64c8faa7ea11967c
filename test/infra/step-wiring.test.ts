import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { settingEnv } from '../../functions/core/config/settings';
import type { PortName } from '../../functions/core/ports';
import { AWS_PORTS } from '../../functions/handlers/aws/catalog';
import { STEPS } from '../../functions/steps';
import { type AnyStep, declaredPorts } from '../../functions/steps/define';
import { buildApp } from '../../infra/app';
import { lambdaEntrySource } from '../../infra/lambda-entry';

/**
 * The template agrees with the step declarations: one function per step, exactly the declared env
 * vars, and no IAM action that a declared port does not explain.
 */

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

interface FunctionFacts {
  env: Record<string, unknown>;
  actions: Set<string>;
  memory: number;
  timeout: number;
}

let facts: Map<string, FunctionFacts>;

beforeAll(() => {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const { workflow } = buildApp(app);
  const template = Template.fromStack(workflow);
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
  const policiesByRole = new Map<string, Set<string>>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    for (const role of resource.Properties.Roles as { Ref: string }[]) {
      const actions = policiesByRole.get(role.Ref) ?? new Set<string>();
      for (const statement of resource.Properties.PolicyDocument.Statement) {
        if (statement.Effect !== 'Allow') continue;
        for (const action of [statement.Action].flat()) actions.add(action);
      }
      policiesByRole.set(role.Ref, actions);
    }
  }
  facts = new Map();
  for (const step of STEPS) {
    const id = step.trigger === 'task' ? `${step.name}Step` : step.name;
    const fn = workflow.node.findChild(id).node.findChild('Function').node.defaultChild as {
      logicalId?: string;
    };
    const logicalId = workflow.getLogicalId(fn as never);
    const props = resources[logicalId]?.Properties;
    facts.set(step.name, {
      env: props.Environment.Variables,
      actions: policiesByRole.get(props.Role['Fn::GetAtt'][0]) ?? new Set(),
      memory: props.MemorySize,
      timeout: props.Timeout,
    });
  }
}, 120_000);

const RUNTIME_ENV = ['INVOICE_AGENT_RUNTIME', 'POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME'];

/** What each declared port at its level may be granted (an independent statement of the contract). */
function allowedActions(port: PortName, access: string): RegExp[] {
  const kmsData = /^kms:(Decrypt|Encrypt|ReEncrypt\*|GenerateDataKey\*|DescribeKey)$/;
  const dynamoRead =
    /^dynamodb:(BatchGetItem|GetRecords|GetShardIterator|Query|GetItem|Scan|ConditionCheckItem|DescribeTable)$/;
  const dynamoWrite = /^dynamodb:(BatchWriteItem|PutItem|UpdateItem|DeleteItem)$/;
  const s3Read = /^s3:(GetObject\*|GetBucket\*|List\*)$/;
  const s3Put =
    /^s3:(PutObject|PutObjectLegalHold|PutObjectRetention|PutObjectTagging|PutObjectVersionTagging|Abort\*)$/;
  switch (port) {
    case 'documents':
      return access === 'readWrite' ? [s3Read, s3Put, kmsData] : [s3Read, kmsData];
    case 'archive':
      return [s3Put, kmsData];
    case 'invoices':
    case 'masterData':
    case 'approvals':
      return access === 'read' ? [dynamoRead, kmsData] : [dynamoRead, dynamoWrite, kmsData];
    case 'history':
      return [dynamoRead, kmsData];
    case 'claims':
      return [/^dynamodb:(PutItem|GetItem|DescribeTable)$/, kmsData];
    case 'ledger':
    case 'bankDetails':
      return [dynamoRead, dynamoWrite, kmsData];
    case 'audit':
      return [/^dynamodb:(PutItem|Query|DescribeTable)$/, kmsData];
    case 'links':
      return access === 'signAndVerify' ? [/^kms:(GenerateMac|VerifyMac)$/] : [/^kms:GenerateMac$/];
    case 'secrets':
      return access === 'seal' ? [/^kms:(Encrypt|ReEncrypt\*|GenerateDataKey\*)$/] : [/^kms:Decrypt$/];
    case 'mailer':
      return [/^ses:(SendEmail|SendRawEmail)$/];
    case 'reasoner':
      return [/^bedrock:InvokeModel$/];
    case 'tasks':
      return [/^states:(SendTaskSuccess|SendTaskFailure)$/];
    case 'workflow':
      return [/^states:StartExecution$/];
    case 'pdf':
      return [];
    case 'ocr':
      return [
        /^textract:(AnalyzeDocument|StartDocumentAnalysis|GetDocumentAnalysis)$/,
        s3Read,
        s3Put,
        kmsData,
      ];
  }
}

const TRACING = /^xray:(PutTraceSegments|PutTelemetryRecords)$/;

function explained(step: AnyStep, action: string): boolean {
  if (TRACING.test(action)) return true;
  return declaredPorts(step).some((port) =>
    allowedActions(port, (step.uses as Record<string, string>)[port]!).some((p) => p.test(action)),
  );
}

describe('functions derived from the step declarations', () => {
  it('creates one function per declared step, sized as declared', () => {
    for (const step of STEPS) {
      const fn = facts.get(step.name)!;
      expect(fn.memory, step.name).toBe(step.sizing.memoryMb);
      expect(fn.timeout, step.name).toBe(step.sizing.timeoutSeconds);
    }
  });

  it('sets exactly the env vars of the declared ports and settings', () => {
    for (const step of STEPS) {
      const expected = new Set([
        ...RUNTIME_ENV,
        ...declaredPorts(step).flatMap((p) => AWS_PORTS[p].env as readonly string[]),
        ...step.settings.map((s: Parameters<typeof settingEnv>[0]) => settingEnv(s)),
      ]);
      expect(Object.keys(facts.get(step.name)!.env).sort(), step.name).toEqual([...expected].sort());
    }
  });

  it('grants no IAM action that a declared port does not explain', () => {
    for (const step of STEPS) {
      const unexplained = [...facts.get(step.name)!.actions].filter((a) => !explained(step, a));
      expect(unexplained, step.name).toEqual([]);
    }
  });

  it('lets only Extract call Textract, only Reason call Bedrock, only the endpoint resume tasks', () => {
    const holders = (pattern: RegExp) =>
      STEPS.filter((s) => [...facts.get(s.name)!.actions].some((a) => pattern.test(a))).map((s) => s.name);
    expect(holders(/^textract:/)).toEqual(['Extract']);
    expect(holders(/^bedrock:/)).toEqual(['Reason']);
    expect(holders(/^states:SendTask/)).toEqual(['ApprovalEndpoint']);
    expect(holders(/^states:StartExecution$/)).toEqual(['StartProcessing']);
    expect(holders(/^s3:DeleteObject/)).toEqual([]);
  });

  it('bundles each Lambda from an entry that imports only its step and its ports', () => {
    for (const step of STEPS) {
      const source = lambdaEntrySource(step, '/repo/');
      const imported = [...source.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
      expect(
        imported.filter((p) => p?.includes('/functions/steps/')),
        step.name,
      ).toHaveLength(1);
      const portModules = new Set(declaredPorts(step).map((p) => AWS_PORTS[p].module));
      expect(
        imported.filter((p) => p?.includes('/handlers/aws/ports/')).map((p) => p?.split('/').pop()),
        step.name,
      ).toEqual([...portModules]);
    }
  });
});
