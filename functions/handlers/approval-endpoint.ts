import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { createApprovalHttp } from './approval-http';
import { awsPorts } from './lib/aws-ports';
import type { Ports } from './lib/ports';

/** Maps a Function URL event to the framework-neutral approval request and back. */
export function fromFunctionUrlEvent(event: LambdaFunctionURLEvent) {
  const body = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    query,
    headers,
    body,
    ip: event.requestContext.http.sourceIp,
  };
}

/** The Lambda Function URL handler (middy): pages and decisions behind signed links. */
export function createApprovalEndpoint(ports: Ports) {
  const app = createApprovalHttp(ports);
  return middy(async (event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> => {
    const response = await app(fromFunctionUrlEvent(event));
    return { statusCode: response.status, headers: response.headers, body: response.body };
  }).use(injectLambdaContext(ports.logger, { resetKeys: true, logEvent: false }));
}

let endpoint: ReturnType<typeof createApprovalEndpoint> | undefined;

export const handler = (
  event: LambdaFunctionURLEvent,
  context: Parameters<ReturnType<typeof createApprovalEndpoint>>[1],
) => {
  endpoint ??= createApprovalEndpoint(awsPorts());
  return endpoint(event, context);
};
