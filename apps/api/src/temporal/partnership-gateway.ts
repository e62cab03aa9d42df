/**
 * The API's only way into partnership workflows: start one with its creation command, send a
 * command as an Update, and turn Temporal's failures back into DomainErrors — or, when Temporal, the
 * worker or the database is not there, into a 503 naming it, within the command's bound.
 */
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcDeadlineError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, type Actor, type PartnershipCommand } from '@pe/domain';
import { canonicalJson } from '@pe/persistence';
import {
  DOMAIN_ERROR_FAILURE,
  RUN_CONTINUING_FAILURE,
  WORKFLOW_TYPE,
  executeCommand,
  workflowIdFor,
  type CommandResult,
  type PartnershipWorkflowInput,
} from '@pe/workflows';
import { DependencyProbes } from '../health/dependency-probes.js';
import { unavailableError, type ApiError } from '../http/api-error.js';
import { COMMANDS, TEMPORAL, type CommandSettings } from '../tokens.js';
import { isTemporalUnavailable } from './temporal-client.js';

/** Of a command's bound, what is kept to find out what is down once the call has run out of time. */
const DIAGNOSIS_SHARE = 0.2;
const DIAGNOSIS_AT_MOST_MS = 1000;
/** A command refused by a run that is continuing as new is sent again after this long, to the next run. */
const RESEND_AFTER_MS = 100;

@Injectable()
export class PartnershipGateway {
  constructor(
    @Inject(TEMPORAL) private readonly client: Client,
    @Inject(COMMANDS) private readonly settings: CommandSettings,
    @Inject(DependencyProbes) private readonly probes: DependencyProbes,
  ) {}

  /** Starts the workflow and creates the partnership in one call; repeating it changes nothing. */
  async create(command: Extract<PartnershipCommand, { type: 'CreatePartnership' }>, actor: Actor): Promise<CommandResult> {
    const input: PartnershipWorkflowInput = { partnershipId: command.partnershipId };
    // An operation is used once: each sending gets its own.
    const withStart = () =>
      new WithStartWorkflowOperation(WORKFLOW_TYPE, {
        workflowId: workflowIdFor(command.partnershipId),
        taskQueue: this.settings.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        // A closed partnership's id is never reused: a late retry must not start a second life.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    // A create repeated once the partnership runs meets its workflow, which may be continuing as new.
    return this.translate(() =>
      sentUntilTaken(() =>
        this.client.workflow.executeUpdateWithStart(executeCommand, {
          args: [{ command, actor }],
          updateId: `create-${command.partnershipId}`,
          startWorkflowOperation: withStart(),
        }),
      ),
    );
  }

  async execute(partnershipId: string, command: PartnershipCommand, actor: Actor, idempotencyKey?: string): Promise<CommandResult> {
    const handle = this.client.workflow.getHandle(workflowIdFor(partnershipId));
    const scopedKey = idempotencyKey ? `${actor.userId}:${idempotencyKey}` : undefined;
    // The update id includes the command's digest, so Temporal answers a retry of the same request
    // itself while the same key with another command reaches the workflow, which refuses it.
    const fingerprint = createHash('sha256').update(canonicalJson(command)).digest('hex');
    return this.translate(() =>
      sentUntilTaken(() =>
        handle.executeUpdate(executeCommand, {
          args: [{ command, actor, ...(scopedKey ? { idempotencyKey: scopedKey, fingerprint } : {}) }],
          ...(scopedKey ? { updateId: `${scopedKey}:${fingerprint.slice(0, 16)}` } : {}),
        }),
      ),
    );
  }

  /**
   * Runs the call under a gRPC deadline a little short of the bound, and keeps the rest to say what
   * is down. A command that ran out of time may still be applied once the worker gets to it: its
   * update id comes from the Idempotency-Key, so a retry with the same key answers that same result.
   */
  private async translate<T>(call: () => Promise<T>): Promise<T> {
    const answerBy = Date.now() + this.settings.timeoutMs;
    const callBy = answerBy - Math.min(DIAGNOSIS_AT_MOST_MS, this.settings.timeoutMs * DIAGNOSIS_SHARE);
    try {
      return await this.client.connection.withDeadline(callBy, call);
    } catch (error) {
      throw domainErrorFrom(error) ?? (await this.unavailableFrom(error, answerBy)) ?? error;
    }
  }

  private async unavailableFrom(error: unknown, answerBy: number): Promise<ApiError | null> {
    if (isTemporalUnavailable(error)) return unavailableError('temporal', 'Temporal cannot be reached or is too busy; retry with the same Idempotency-Key');
    if (!(error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(error))) return null;
    const [queue, database] = await Promise.all([this.probes.taskQueue(answerBy), this.probes.database(answerBy)]);
    const seconds = this.settings.timeoutMs / 1000;
    const retry = 'it may still be applied, so retry with the same Idempotency-Key';
    if (queue.temporal === 'down') return unavailableError('temporal', `Temporal did not answer within ${seconds} s; ${retry}`);
    if (queue.worker === 'down') return unavailableError('worker', `No worker polls the task queue, so the command was not carried out within ${seconds} s; ${retry}`);
    if (database === 'down') return unavailableError('database', `The database cannot be reached, so the command's events could not be stored within ${seconds} s; ${retry}`);
    return unavailableError('worker', `No worker completed the command within ${seconds} s; ${retry}`);
  }
}

/**
 * A run continuing as new refuses commands without applying them, so the same command is sent again
 * until the next run takes it; the command's deadline (translate) still bounds the whole.
 */
async function sentUntilTaken<T>(send: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (!isRunContinuing(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, RESEND_AFTER_MS));
    }
  }
}

function isRunContinuing(error: unknown): boolean {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === RUN_CONTINUING_FAILURE;
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
