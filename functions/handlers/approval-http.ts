import { createApprovalService, type HttpRequest, type HttpResponse } from '../core/approval/http-service';
import type { Ports } from './lib/ports';

export type { HttpRequest as ApprovalHttpRequest, HttpResponse as ApprovalHttpResponse };

/**
 * The approval endpoint as a plain function of a request, independent of the HTTP framework: the
 * local web server forwards `/approvals/*` to it, the Lambda Function URL handler adapts its event.
 * GET/HEAD /approvals/{id}?exp&sig render; POST /approvals/{id} decides.
 */
export function createApprovalHttp(ports: Ports): (req: HttpRequest) => Promise<HttpResponse> {
  return createApprovalService(ports);
}
