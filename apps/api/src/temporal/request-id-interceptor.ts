/**
 * Puts the id of the HTTP request being served on the updates (and workflow starts) the API sends,
 * as a Temporal header: the workflow and the activities its update schedules log the same id
 * (workflows/src/interceptors.ts), while the update's input — and so every recorded history — keeps
 * its shape.
 */
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { withRequestId } from '@pe/workflows';
import { currentRequestId } from '../observability/request-context.js';

export const requestIdInterceptor: WorkflowClientInterceptor = {
  startUpdate(input, next) {
    const requestId = currentRequestId();
    return next(requestId ? { ...input, headers: withRequestId(input.headers, requestId) } : input);
  },
  startUpdateWithStart(input, next) {
    const requestId = currentRequestId();
    return next(
      requestId
        ? { ...input, updateHeaders: withRequestId(input.updateHeaders, requestId), workflowStartHeaders: withRequestId(input.workflowStartHeaders, requestId) }
        : input,
    );
  },
};
