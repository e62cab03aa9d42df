import type { TaskDecision, TaskKind } from '@pe/domain';
import type { ComponentType } from 'react';
import { TASK_FORMS, type TaskFormProps } from './forms';
import { contextOf, type TaskRecord } from './taskModel';

/** The form of the task's own kind, with the context the API sent for it. */
export function TaskDialog<K extends TaskKind>({ task, intent, onClose }: { task: TaskRecord & { kind: K }; intent: TaskDecision; onClose: () => void }) {
  // TASK_FORMS pairs each kind with its form; indexing by a generic K loses that pairing for the checker.
  const Form = TASK_FORMS[task.kind] as ComponentType<TaskFormProps<K>>;
  return <Form task={task} context={contextOf(task)} intent={intent} onClose={onClose} />;
}
