import type { LambdaFunctionURLEvent } from 'aws-lambda';
import type { HttpApp, HttpRequestLike } from './http-server';

/** A local request as the Lambda Function URL event AWS would deliver for it. */
export function functionUrlEvent(request: HttpRequestLike): LambdaFunctionURLEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString: new URLSearchParams(request.query).toString(),
    headers: request.headers,
    queryStringParameters: request.query,
    body: request.body,
    isBase64Encoded: false,
    requestContext: {
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.ip ?? '127.0.0.1',
        userAgent: request.headers['user-agent'] ?? '',
      },
    },
  } as LambdaFunctionURLEvent;
}

/** Serves a Function URL handler on the local web server. */
export function asFunctionUrl(handler: (event: LambdaFunctionURLEvent) => Promise<unknown>): HttpApp {
  return async (request) => {
    const result = (await handler(functionUrlEvent(request))) as {
      statusCode: number;
      headers?: Record<string, string>;
      body?: string;
    };
    return { status: result.statusCode, headers: result.headers ?? {}, body: result.body ?? '' };
  };
}
