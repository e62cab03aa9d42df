/**
 * What partnership workflows need of any Temporal server the stack starts: its namespace, and the
 * custom search attributes the workflow contract declares (workflows/src/contract.ts), registered
 * through the operator API so the dev server and the cluster are set up the same way.
 */
import { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import proto from '@temporalio/proto';
import Long from 'long';
import { SEARCH_ATTRIBUTES } from '@pe/workflows/contract';

const { IndexedValueType } = proto.temporal.api.enums.v1;

/** The search attributes partnership workflows keep current, as the contract declares them. */
export const PARTNERSHIP_SEARCH_ATTRIBUTES = Object.values(SEARCH_ATTRIBUTES);

const indexedValueType = (type: SearchAttributeType) => IndexedValueType[`INDEXED_VALUE_TYPE_${type}`];

/** Whether the frontend at `address` answers its health check. */
export async function reachable(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.healthService.check({});
    return true;
  } finally {
    await connection.close();
  }
}

/** Opens a connection, runs `use` with it and closes it. */
export async function withConnection<T>(address: string, use: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: 5000 });
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

/** Registers the namespace unless it exists (a server on PostgreSQL keeps it across restarts). */
export async function ensureNamespace(connection: Connection, namespace: string, retentionDays: number): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return;
  } catch (error) {
    if (!isGrpcCode(error, GRPC_NOT_FOUND)) throw error;
  }
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(retentionDays * 86_400) } });
  } catch (error) {
    if (!isGrpcCode(error, GRPC_ALREADY_EXISTS)) throw error;
  }
}

/**
 * Adds whichever of the partnership search attributes the namespace lacks. One that exists with
 * another type is an error: the workflow could not upsert it.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing: Record<string, number> = {};
  for (const { name, type } of PARTNERSHIP_SEARCH_ATTRIBUTES) {
    const wanted = indexedValueType(type);
    const existing = customAttributes?.[name];
    if (existing === undefined || existing === null) missing[name] = wanted;
    else if (existing !== wanted) {
      throw new Error(`Search attribute ${name} exists in namespace "${namespace}" as ${IndexedValueType[existing]}, but partnership workflows need ${type}`);
    }
  }
  if (Object.keys(missing).length > 0) await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
}

/**
 * Whether a list query naming every partnership search attribute is accepted: the frontend knows
 * the namespace and its attributes (a real server refreshes its namespace cache every few seconds).
 */
export async function searchable(connection: Connection, namespace: string): Promise<boolean> {
  const query = PARTNERSHIP_SEARCH_ATTRIBUTES.map(({ name }) => `${name} = 'probe'`).join(' AND ');
  await connection.workflowService.countWorkflowExecutions({ namespace, query });
  return true;
}

const GRPC_ALREADY_EXISTS = 6;
const GRPC_NOT_FOUND = 5;
const isGrpcCode = (error: unknown, code: number) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
