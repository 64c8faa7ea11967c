import {
  DecryptCommand,
  EncryptCommand,
  GenerateMacCommand,
  KMSClient,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoApprovalRepository } from '../../functions/adapters/aws/dynamo-approval-repository';
import { KmsLinkSigner } from '../../functions/adapters/aws/kms-link-signer';
import { KmsSecretBox } from '../../functions/adapters/aws/kms-secret-box';
import { SfnTaskResponder, TaskClosedError } from '../../functions/adapters/aws/sfn-task-responder';
import {
  LOCAL_TABLE_NAMES,
  type LocalDynamo,
  startLocalDynamo,
} from '../../functions/adapters/local/dynalite';
import type { ApprovalRequest } from '../../functions/core/approval/model';

const kms = mockClient(KMSClient);
const sfn = mockClient(SFNClient);
beforeEach(() => {
  kms.reset();
  sfn.reset();
});

describe('KmsLinkSigner', () => {
  it('signs with GenerateMac (HMAC_SHA_256) and returns base64url', async () => {
    // Prepare
    kms.on(GenerateMacCommand).resolves({ Mac: new Uint8Array(32).fill(251) });
    const signer = new KmsLinkSigner(new KMSClient({}), 'key-1');
    // Act
    const signature = await signer.sign('m');
    // Assess
    expect(signature).toBe(Buffer.from(new Uint8Array(32).fill(251)).toString('base64url'));
    expect(kms.commandCalls(GenerateMacCommand)[0]!.args[0].input).toMatchObject({
      KeyId: 'key-1',
      MacAlgorithm: 'HMAC_SHA_256',
    });
  });

  it('verifies with VerifyMac; an invalid MAC or a malformed signature is false', async () => {
    // Prepare
    const signer = new KmsLinkSigner(new KMSClient({}), 'key-1');
    const good = Buffer.alloc(32, 1).toString('base64url');
    kms
      .on(VerifyMacCommand)
      .resolvesOnce({ MacValid: true })
      .rejectsOnce(Object.assign(new Error('bad'), { name: 'KMSInvalidMacException' }));
    // Act
    const valid = await signer.verify('m', good);
    const invalid = await signer.verify('m', good);
    const malformed = await signer.verify('m', 'short');
    // Assess
    expect([valid, invalid, malformed]).toEqual([true, false, false]);
    expect(kms.commandCalls(VerifyMacCommand)).toHaveLength(2);
  });
});

describe('KmsSecretBox', () => {
  it('encrypts and decrypts with the encryption context', async () => {
    // Prepare
    kms.on(EncryptCommand).resolves({ CiphertextBlob: new Uint8Array([1, 2, 3]) });
    kms.on(DecryptCommand).resolves({ Plaintext: new TextEncoder().encode('token') });
    const box = new KmsSecretBox(new KMSClient({}), 'data-key');
    const context = { approvalId: 'a', invoiceId: 'i' };
    // Act
    const sealed = await box.seal('token', context);
    const opened = await box.open(sealed, context);
    // Assess
    expect(opened).toBe('token');
    expect(kms.commandCalls(EncryptCommand)[0]!.args[0].input.EncryptionContext).toEqual(context);
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input.EncryptionContext).toEqual(context);
  });

  it('reports a ciphertext of another record as a typed error', async () => {
    // Prepare
    kms.on(DecryptCommand).rejects(Object.assign(new Error('x'), { name: 'InvalidCiphertextException' }));
    const box = new KmsSecretBox(new KMSClient({}), 'data-key');
    // Act / Assess
    await expect(box.open('AQID', { approvalId: 'b' })).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
  });
});

describe('SfnTaskResponder', () => {
  it('sends the output as JSON and turns TaskTimedOut / InvalidToken into TaskClosedError', async () => {
    // Prepare
    sfn
      .on(SendTaskSuccessCommand)
      .resolvesOnce({})
      .rejectsOnce(Object.assign(new Error('timed out'), { name: 'TaskTimedOut' }))
      .rejectsOnce(Object.assign(new Error('invalid'), { name: 'InvalidToken' }));
    const tasks = new SfnTaskResponder(new SFNClient({}));
    // Act
    await tasks.succeed('t', { next: 'ARCHIVE', round: 1 });
    const timedOut = tasks.succeed('t', {}).catch((e) => e);
    const invalid = tasks.succeed('t', {}).catch((e) => e);
    // Assess
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input.output).toBe(
      '{"next":"ARCHIVE","round":1}',
    );
    expect(await timedOut).toBeInstanceOf(TaskClosedError);
    expect(await invalid).toMatchObject({ name: 'TaskClosedError', code: 'InvalidToken' });
  });
});

describe('DynamoApprovalRepository on dynalite', () => {
  let dynamo: LocalDynamo;
  let repo: DynamoApprovalRepository;
  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    repo = new DynamoApprovalRepository(dynamo.client, LOCAL_TABLE_NAMES.approvals);
  });
  afterAll(() => dynamo.close());

  const request = (id: string, invoiceId: string, createdAt: string): ApprovalRequest => ({
    approvalId: id,
    invoiceId,
    kind: 'approval',
    round: 1,
    requiredApprovals: 1,
    stage: 'initial',
    approver: 'anna@firma.example',
    language: 'de',
    invoiceHash: 'h',
    sealedToken: 'sealed',
    tokenRef: 'ref',
    status: 'PENDING',
    createdAt,
    expiresAt: '2025-12-01T00:00:00.000Z',
    requiresTypedAmount: false,
    previousApprovers: [],
  });

  it('creates once, lists per invoice oldest first, and lets only the first decision win', async () => {
    // Prepare
    await repo.create(request('approval-0000000002', 'inv-r', '2025-11-24T10:00:00.000Z'));
    const createdAgain = await repo.create(
      request('approval-0000000002', 'inv-r', '2025-11-24T10:00:00.000Z'),
    );
    await repo.create(request('approval-0000000001', 'inv-r', '2025-11-24T09:00:00.000Z'));
    // Act
    const listed = await repo.listForInvoice('inv-r');
    const first = await repo.decide('approval-0000000002', {
      choice: 'approve',
      by: 'anna@firma.example',
      at: 't1',
    });
    const second = await repo.decide('approval-0000000002', {
      choice: 'reject',
      by: 'anna@firma.example',
      at: 't2',
    });
    const revoked = await repo.revoke('approval-0000000002', 'late', 't3');
    const replaced = await repo.replaceToken('approval-0000000002', {
      sealedToken: 's',
      tokenRef: 'r',
      expiresAt: 'e',
      stage: 'reminded',
    });
    // Assess
    expect(createdAgain).toBe(false);
    expect(listed.map((r) => r.approvalId)).toEqual(['approval-0000000001', 'approval-0000000002']);
    expect(first.won).toBe(true);
    expect(second).toMatchObject({
      won: false,
      request: { status: 'DECIDED', decision: { choice: 'approve', at: 't1' } },
    });
    expect(revoked).toBe(false);
    expect(replaced).toBe(false);
  });

  it('consumes a nonce exactly once and never after its expiry', async () => {
    // Prepare
    await repo.issueNonce({
      approvalId: 'n-1',
      nonce: 'nonce-a',
      issuedAt: 't0',
      expiresAt: '2025-11-24T10:00:00.000Z',
    });
    await repo.issueNonce({
      approvalId: 'n-1',
      nonce: 'nonce-b',
      issuedAt: 't0',
      expiresAt: '2025-11-24T10:00:00.000Z',
    });
    // Act
    const results = await Promise.all(
      Array.from({ length: 20 }, () => repo.consumeNonce('n-1', 'nonce-a', '2025-11-24T09:00:00.000Z')),
    );
    const late = await repo.consumeNonce('n-1', 'nonce-b', '2025-11-24T10:00:01.000Z');
    const unknown = await repo.consumeNonce('n-1', 'nonce-c', '2025-11-24T09:00:00.000Z');
    const otherApproval = await repo.consumeNonce('n-2', 'nonce-b', '2025-11-24T09:00:00.000Z');
    // Assess
    expect(results.filter(Boolean)).toHaveLength(1);
    expect([late, unknown, otherApproval]).toEqual([false, false, false]);
  });
});
