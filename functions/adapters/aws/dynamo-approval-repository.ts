import { createHash } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ApprovalRequest, ApprovalStage, DecisionInput, NonceRecord } from '../../core/approval/model';
import { NotFoundError } from '../../core/errors';
import type { ApprovalRepository } from '../../core/ports/approvals';
import { isConditionFailure } from './dynamo-client';

/**
 * Approvals table (pk/sk, GSI byInvoice(invoiceId, createdAt)):
 *   APPROVAL#<id> / REQUEST          the request (carries invoiceId + createdAt, so it is in the index)
 *   APPROVAL#<id> / NONCE#<sha256>   a per-view nonce (no invoiceId: not indexed), `ttl` for expiry
 * Every state change is a conditional write on `status = PENDING`: the first decision wins.
 */
const REQUEST_SK = 'REQUEST';
const pk = (approvalId: string) => `APPROVAL#${approvalId}`;
const nonceSk = (nonce: string) => `NONCE#${createHash('sha256').update(nonce).digest('hex')}`;

export class DynamoApprovalRepository implements ApprovalRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(request: ApprovalRequest): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: pk(request.approvalId), sk: REQUEST_SK, ...request },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(approvalId: string): Promise<ApprovalRequest | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: pk(approvalId), sk: REQUEST_SK },
        ConsistentRead: true,
      }),
    );
    return result.Item ? toRequest(result.Item) : undefined;
  }

  async listForInvoice(invoiceId: string): Promise<ApprovalRequest[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byInvoice',
          KeyConditionExpression: 'invoiceId = :id',
          ExpressionAttributeValues: { ':id': invoiceId },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    // The index is eventually consistent: read each request strongly before acting on it.
    const requests = await Promise.all(items.map((i) => this.get(String(i.approvalId))));
    return requests.filter((r): r is ApprovalRequest => r !== undefined);
  }

  async replaceToken(
    approvalId: string,
    update: { sealedToken: string; tokenRef: string; expiresAt: string; stage: ApprovalStage },
  ): Promise<boolean> {
    return this.conditional(approvalId, {
      UpdateExpression: 'SET sealedToken = :token, tokenRef = :ref, expiresAt = :exp, stage = :stage',
      ExpressionAttributeValues: {
        ':token': update.sealedToken,
        ':ref': update.tokenRef,
        ':exp': update.expiresAt,
        ':stage': update.stage,
      },
    });
  }

  async markNotified(approvalId: string, tokenRef: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: pk(approvalId), sk: REQUEST_SK },
        UpdateExpression: 'SET notifiedRef = :ref',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':ref': tokenRef },
      }),
    );
  }

  async revoke(approvalId: string, reason: string, at: string): Promise<boolean> {
    return this.conditional(approvalId, {
      UpdateExpression: 'SET #status = :revoked, revokedReason = :reason, revokedAt = :at',
      ExpressionAttributeValues: { ':revoked': 'REVOKED', ':reason': reason, ':at': at },
    });
  }

  async decide(
    approvalId: string,
    decision: DecisionInput,
  ): Promise<{ won: boolean; request: ApprovalRequest }> {
    const won = await this.conditional(approvalId, {
      UpdateExpression: 'SET #status = :decided, decision = :decision',
      ExpressionAttributeValues: { ':decided': 'DECIDED', ':decision': decision },
    });
    const request = await this.get(approvalId);
    if (!request) throw new NotFoundError(`No approval ${approvalId}`);
    return { won, request };
  }

  async issueNonce(nonce: NonceRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: pk(nonce.approvalId),
          sk: nonceSk(nonce.nonce),
          issuedAt: nonce.issuedAt,
          expiresAt: nonce.expiresAt,
          used: false,
          // DynamoDB TTL (epoch seconds) removes old nonces; expiry is also checked on use.
          ttl: Math.ceil(new Date(nonce.expiresAt).getTime() / 1000) + 24 * 3600,
        },
      }),
    );
  }

  async consumeNonce(approvalId: string, nonce: string, now: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: pk(approvalId), sk: nonceSk(nonce) },
          UpdateExpression: 'SET used = :true, usedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND used = :false AND expiresAt > :now',
          ExpressionAttributeValues: { ':true': true, ':false': false, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** An update that only applies while the request is PENDING; false when it no longer is. */
  private async conditional(
    approvalId: string,
    expression: { UpdateExpression: string; ExpressionAttributeValues: Record<string, unknown> },
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: pk(approvalId), sk: REQUEST_SK },
          UpdateExpression: expression.UpdateExpression,
          ConditionExpression: 'attribute_exists(pk) AND #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...expression.ExpressionAttributeValues, ':pending': 'PENDING' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

function toRequest(item: Record<string, unknown>): ApprovalRequest {
  const { pk: _pk, sk: _sk, ...request } = item;
  return request as unknown as ApprovalRequest;
}
