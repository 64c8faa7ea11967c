import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { BankAccountChange, BankDetailsCase, BankDetailsDecision } from '../../core/bankdetails/model';
import type { BankDetailsRepository } from '../../core/ports/bank-details';
import { isConditionFailure } from './dynamo-client';

/**
 * Bank-details verification in the master-data table, beside the vendor:
 *   BANKCASE#<invoiceId> / CASE                  the case (status, approvers, decision at the top level,
 *                                                so that conditions can read them)
 *   VENDOR#<vendorId> / BANKHIST#<invoiceId>#<iban>  one change of the vendor's bank details
 * A confirmed IBAN is prepended to the vendor's `ibans` (vendor item and list item) with a condition
 * that it is not there yet, and gets its IBAN# index item, so the vendor is found by it.
 * Every rule is one conditional write; dynalite serves them like DynamoDB.
 */
const CASE_SK = 'CASE';
const casePk = (invoiceId: string) => `BANKCASE#${invoiceId}`;

export class DynamoBankDetails implements BankDetailsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async open(bankCase: BankDetailsCase): Promise<BankDetailsCase> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: casePk(bankCase.invoiceId), sk: CASE_SK, ...bankCase },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return bankCase;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    return (await this.get(bankCase.invoiceId)) ?? bankCase;
  }

  async get(invoiceId: string): Promise<BankDetailsCase | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: casePk(invoiceId), sk: CASE_SK },
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, ...bankCase } = result.Item;
    return bankCase as BankDetailsCase;
  }

  async addApprover(
    invoiceId: string,
    approver: string,
  ): Promise<{ ok: boolean; bankCase?: BankDetailsCase }> {
    const me = approver.trim().toLowerCase();
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: casePk(invoiceId), sk: CASE_SK },
          UpdateExpression: 'SET approvers = list_append(approvers, :list)',
          ConditionExpression:
            'attribute_exists(pk) AND NOT contains(approvers, :me) AND (attribute_not_exists(decision) OR decision.#by <> :me)',
          ExpressionAttributeNames: { '#by': 'by' },
          ExpressionAttributeValues: { ':list': [me], ':me': me },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const { pk: _pk, sk: _sk, ...bankCase } = result.Attributes ?? {};
      return { ok: true, bankCase: bankCase as BankDetailsCase };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const bankCase = await this.get(invoiceId);
    if (!bankCase) return { ok: false };
    return { ok: bankCase.approvers.includes(me) && bankCase.decision?.by !== me, bankCase };
  }

  async decide(
    invoiceId: string,
    decision: BankDetailsDecision,
  ): Promise<{ won: boolean; reason?: 'decided' | 'approver' | 'missing'; bankCase?: BankDetailsCase }> {
    const by = decision.by.trim().toLowerCase();
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: casePk(invoiceId), sk: CASE_SK },
          UpdateExpression: 'SET #status = :status, decision = :decision',
          ConditionExpression: '#status = :pending AND NOT contains(approvers, :by)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': decision.choice === 'verify' ? 'VERIFIED' : 'REJECTED',
            ':decision': { ...decision, by },
            ':pending': 'PENDING',
            ':by': by,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const { pk: _pk, sk: _sk, ...bankCase } = result.Attributes ?? {};
      return { won: true, bankCase: bankCase as BankDetailsCase };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const bankCase = await this.get(invoiceId);
    if (!bankCase) return { won: false, reason: 'missing' };
    return { won: false, reason: bankCase.status !== 'PENDING' ? 'decided' : 'approver', bankCase };
  }

  async confirmIban(vendorId: string, change: BankAccountChange): Promise<void> {
    await this.putChange(vendorId, change);
    for (const Key of [
      { pk: `VENDOR#${vendorId}`, sk: 'VENDOR' },
      { pk: 'VENDORS', sk: `VENDOR#${vendorId}` },
    ]) {
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: 'SET #data.#ibans = list_append(:new, #data.#ibans)',
            ConditionExpression: 'attribute_exists(pk) AND NOT contains(#data.#ibans, :iban)',
            ExpressionAttributeNames: { '#data': 'data', '#ibans': 'ibans' },
            ExpressionAttributeValues: { ':new': [change.iban], ':iban': change.iban },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error; // already there (a retry)
      }
    }
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `IBAN#${change.iban}`, sk: `VENDOR#${vendorId}`, vendorId },
      }),
    );
  }

  recordRejection(vendorId: string, change: BankAccountChange): Promise<void> {
    return this.putChange(vendorId, change);
  }

  async history(vendorId: string): Promise<BankAccountChange[]> {
    const changes: BankAccountChange[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: { ':pk': `VENDOR#${vendorId}`, ':sk': 'BANKHIST#' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) changes.push(item.change as BankAccountChange);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return changes.sort((a, b) => a.at.localeCompare(b.at));
  }

  private async putChange(vendorId: string, change: BankAccountChange): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `VENDOR#${vendorId}`, sk: `BANKHIST#${change.invoiceId}#${change.iban}`, change },
      }),
    );
  }
}
