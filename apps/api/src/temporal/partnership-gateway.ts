/**
 * The API's only way into partnership workflows: start one with its creation command, send a
 * command as an Update, and turn Temporal's failures back into DomainErrors.
 */
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, type Actor, type PartnershipCommand } from '@pe/domain';
import { canonicalJson } from '@pe/persistence';
import {
  DOMAIN_ERROR_FAILURE,
  TASK_QUEUE,
  WORKFLOW_TYPE,
  executeCommand,
  workflowIdFor,
  type CommandResult,
  type PartnershipWorkflowInput,
} from '@pe/workflows';
import { TEMPORAL } from '../tokens.js';

@Injectable()
export class PartnershipGateway {
  constructor(@Inject(TEMPORAL) private readonly client: Client) {}

  /** Starts the workflow and creates the partnership in one call; repeating it changes nothing. */
  async create(command: Extract<PartnershipCommand, { type: 'CreatePartnership' }>, actor: Actor): Promise<CommandResult> {
    const input: PartnershipWorkflowInput = { partnershipId: command.partnershipId };
    const startWorkflowOperation = new WithStartWorkflowOperation(WORKFLOW_TYPE, {
      workflowId: workflowIdFor(command.partnershipId),
      taskQueue: TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A closed partnership's id is never reused: a late retry must not start a second life.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return this.translate(() =>
      this.client.workflow.executeUpdateWithStart(executeCommand, {
        args: [{ command, actor }],
        updateId: `create-${command.partnershipId}`,
        startWorkflowOperation,
      }),
    );
  }

  async execute(partnershipId: string, command: PartnershipCommand, actor: Actor, idempotencyKey?: string): Promise<CommandResult> {
    const handle = this.client.workflow.getHandle(workflowIdFor(partnershipId));
    const scopedKey = idempotencyKey ? `${actor.userId}:${idempotencyKey}` : undefined;
    // The update id includes the command's digest, so Temporal answers a retry of the same request
    // itself while the same key with another command reaches the workflow, which refuses it.
    const fingerprint = createHash('sha256').update(canonicalJson(command)).digest('hex');
    return this.translate(() =>
      handle.executeUpdate(executeCommand, {
        args: [{ command, actor, ...(scopedKey ? { idempotencyKey: scopedKey, fingerprint } : {}) }],
        ...(scopedKey ? { updateId: `${scopedKey}:${fingerprint.slice(0, 16)}` } : {}),
      }),
    );
  }

  private async translate<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw domainErrorFrom(error) ?? error;
    }
  }
}

function domainErrorFrom(error: unknown): DomainError | null {
  if (error instanceof WorkflowNotFoundError) {
    // A closed partnership's workflow has completed; its record stays readable but takes no commands.
    return /completed/i.test(error.message)
      ? new DomainError('conflict', 'PARTNERSHIP.CLOSED', 'The partnership is closed')
      : new DomainError('not_found', 'PARTNERSHIP.NOT_FOUND', 'No such partnership');
  }
  if (!(error instanceof WorkflowUpdateFailedError)) return null;
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && cause.type === DOMAIN_ERROR_FAILURE) {
    const shape = cause.details?.[0];
    if (DomainError.isShape(shape)) return new DomainError(shape.kind, shape.code, shape.message, shape.fields);
  }
  return null;
}
