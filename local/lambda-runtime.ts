import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { LambdaHandler } from '../functions/handlers/lambda';

/**
 * Invokes a handler module the way the Lambda service does: a fresh context per call, and a failure
 * surfaces as Step Functions sees it (Error = the error's name, Cause = {errorType, errorMessage}).
 */
export class LambdaInvocationError extends Error {
  constructor(errorType: string, errorMessage: string) {
    super(JSON.stringify({ errorType, errorMessage }));
    this.name = errorType;
  }
}

export function lambdaContext(functionName: string, timeoutMs = 900_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export async function invokeLocally(
  functionName: string,
  handler: LambdaHandler,
  event: unknown,
): Promise<unknown> {
  try {
    // A JSON round trip, as over the wire: no shared object references between steps.
    const result = await handler(JSON.parse(JSON.stringify(event)), lambdaContext(functionName));
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    throw new LambdaInvocationError(e.name || 'Error', e.message);
  }
}
