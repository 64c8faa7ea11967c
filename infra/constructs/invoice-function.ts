import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { TableSchema } from '../../functions/adapters/aws/table-schemas';
import { acknowledgeRule } from '../nag';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface InvoiceFunctionProps {
  /** Handler module name in functions/handlers, e.g. 'parse-mail'. */
  handler: string;
  description: string;
  /** Default 512 MB. */
  memorySize?: number;
  /** Default 60 s. */
  timeout?: Duration;
  /** Default 90 days. */
  logRetention?: logs.RetentionDays;
  environment?: Record<string, string>;
}

export type TableAccess = 'read' | 'readWrite' | 'append';
export type BucketAccess = 'read' | 'readWrite' | 'put';

/**
 * One Lambda step with all defaults in one place: nodejs22.x on arm64, ESM bundle with source maps and
 * kept names (Step Functions catches by error.name), X-Ray tracing, Powertools env, a log group with retention.
 * Granting access and setting the env var that names the resource is one call (bindTable / bindBucket).
 */
export class InvoiceFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: InvoiceFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${ROOT}functions/handlers/${props.handler}.ts`,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(60),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'invoice-agent',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        INVOICE_AGENT_RUNTIME: 'aws',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        keepNames: true,
        externalModules: [],
        banner:
          "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    });
    acknowledgeRule(
      this,
      'AwsSolutions-IAM4',
      'AWSLambdaBasicExecutionRole only lets the function write to its own log group.',
    );
    acknowledgeRule(
      this,
      'AwsSolutions-IAM5',
      'Wildcards come from CDK grant helpers scoped to this app’s buckets (object keys), table indexes and KMS key actions, and from X-Ray and Textract, which have no resource-level permissions.',
    );
    acknowledgeRule(
      this,
      'AwsSolutions-L1',
      'nodejs22.x is the runtime this product is built and tested for.',
    );
  }

  addEnvironment(name: string, value: string): this {
    this.fn.addEnvironment(name, value);
    return this;
  }

  bindTable(schema: TableSchema, table: dynamodb.ITable, access: TableAccess): this {
    this.fn.addEnvironment(schema.envVar, table.tableName);
    if (access === 'read') table.grantReadData(this.fn);
    else if (access === 'readWrite') table.grantReadWriteData(this.fn);
    else table.grant(this.fn, 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DescribeTable');
    if (access === 'append' && table.encryptionKey) table.encryptionKey.grantEncryptDecrypt(this.fn);
    return this;
  }

  bindBucket(envVar: string, bucket: s3.IBucket, access: BucketAccess, prefix = '*'): this {
    this.fn.addEnvironment(envVar, bucket.bucketName);
    if (access === 'read') bucket.grantRead(this.fn, prefix);
    else if (access === 'readWrite') bucket.grantReadWrite(this.fn, prefix);
    else bucket.grantPut(this.fn, prefix);
    return this;
  }
}
