import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import type { Construct } from 'constructs';
import { TABLES, type TableSchema } from '../../functions/adapters/aws/table-schemas';
import { INTAKE_PREFIXES } from '../../functions/core/config/settings';
import type { DeploymentConfig } from '../config';
import { acknowledgeRule } from '../nag';

export interface DataStackProps extends StackProps {
  config: DeploymentConfig;
}

/**
 * Everything stateful: the customer-managed key, the intake and archive buckets, the tables and the
 * SES receipt rule that stores incoming mail. Kept apart from the workflow so that redeploying code
 * never touches data.
 */
/** SES allows one active rule set per region; the README's deploy step activates this one. */
export const RECEIPT_RULE_SET_NAME = 'invoice-agent-intake';

export class InvoiceAgentDataStack extends Stack {
  readonly key: kms.Key;
  readonly intakeBucket: s3.Bucket;
  readonly archiveBucket: s3.Bucket;
  readonly tables: Record<TableSchema['name'], dynamodb.TableV2>;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.key = new kms.Key(this, 'DataKey', {
      description: 'invoice-agent: encrypts invoices, mail, records and audit trail',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // SES writes received mail into the intake bucket, whose default encryption is this key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Encrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.intakeBucket = new s3.Bucket(this, 'IntakeBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      eventBridgeEnabled: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'intake/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // GoBD: invoices are kept unchangeable for the retention period (COMPLIANCE mode cannot be shortened).
    // CDK's singleton that switches on EventBridge notifications for the intake bucket.
    const notifications = this.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    if (notifications) {
      acknowledgeRule(
        notifications,
        'AwsSolutions-IAM4',
        'CDK’s notification handler only writes its own logs.',
      );
      acknowledgeRule(
        notifications,
        'AwsSolutions-IAM5',
        'CDK’s notification handler configures this bucket only.',
      );
    }

    this.archiveBucket = new s3.Bucket(this, 'ArchiveBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(
        Duration.days(365 * config.archiveRetentionYears + 2),
      ),
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'archive/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.tables = Object.fromEntries(
      TABLES.map((schema) => [schema.name, this.createTable(schema)]),
    ) as Record<TableSchema['name'], dynamodb.TableV2>;

    new ses.ReceiptRuleSet(this, 'IntakeRuleSet', {
      receiptRuleSetName: RECEIPT_RULE_SET_NAME,
      rules: [
        {
          recipients: [config.intakeAddress],
          scanEnabled: true,
          tlsPolicy: ses.TlsPolicy.REQUIRE,
          actions: [
            new sesActions.S3({ bucket: this.intakeBucket, objectKeyPrefix: INTAKE_PREFIXES.rawMail }),
          ],
        },
      ],
    });

    // What ops need after deploying: the rule set to activate, the tables to import master data into.
    new CfnOutput(this, 'ReceiptRuleSetName', { value: RECEIPT_RULE_SET_NAME });
    new CfnOutput(this, 'IntakeBucketName', { value: this.intakeBucket.bucketName });
    new CfnOutput(this, 'MasterDataTableName', { value: this.tables.masterData.tableName });
    new CfnOutput(this, 'InvoicesTableName', { value: this.tables.invoices.tableName });
  }

  private createTable(schema: TableSchema): dynamodb.TableV2 {
    const attribute = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
    return new dynamodb.TableV2(this, `${schema.name[0]!.toUpperCase()}${schema.name.slice(1)}Table`, {
      partitionKey: attribute(schema.partitionKey),
      sortKey: schema.sortKey ? attribute(schema.sortKey) : undefined,
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: schema.ttlAttribute,
      globalSecondaryIndexes: schema.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
      })),
    });
  }
}
