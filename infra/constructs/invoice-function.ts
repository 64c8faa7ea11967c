import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { AnyStep } from '../../functions/steps/define';
import {
  copyLazyPackages,
  LAMBDA_BUNDLE,
  lazyPackagesOf,
  PROJECT_ROOT,
  writeLambdaEntry,
} from '../lambda-entry';
import { acknowledgeRule } from '../nag';

export interface InvoiceFunctionProps {
  /** The declaration this function runs: entry, sizing and description come from it. */
  step: AnyStep;
  /** Default 90 days. */
  logRetention?: logs.RetentionDays;
  /** Separate source map files and --enable-source-maps (slower cold start). Default false. */
  sourceMaps?: boolean;
}

/**
 * One Lambda per declared step with all defaults in one place: nodejs22.x on arm64, a minified ESM
 * bundle of only what the step uses (kept names: Step Functions catches by error.name), X-Ray tracing,
 * Powertools env, a log group with retention. Grants and env vars are added by bindPorts.
 */
export class InvoiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly step: AnyStep;

  constructor(scope: Construct, id: string, props: InvoiceFunctionProps) {
    super(scope, id);
    this.step = props.step;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: writeLambdaEntry(props.step),
      handler: 'handler',
      description: props.step.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.step.sizing.memoryMb,
      timeout: Duration.seconds(props.step.sizing.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      environment: {
        ...(props.sourceMaps && { NODE_OPTIONS: '--enable-source-maps' }),
        POWERTOOLS_SERVICE_NAME: 'invoice-agent',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        INVOICE_AGENT_RUNTIME: 'aws',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLE.target,
        mainFields: [...LAMBDA_BUNDLE.mainFields],
        minify: LAMBDA_BUNDLE.minify,
        keepNames: LAMBDA_BUNDLE.keepNames,
        banner: LAMBDA_BUNDLE.banner,
        sourceMap: props.sourceMaps ?? false,
        // Everything the step uses is bundled at the pinned versions (the runtime's SDK is not used),
        // except lazily loaded packages, which are copied beside the bundle.
        externalModules: lazyPackagesOf(props.step).map((p) => p.name),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => copyLazyPackages(props.step, inputDir, outputDir),
        },
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
}
