import type { TaskContextOf, TaskDecision, TaskKind } from '@pe/domain';
import type { TaskRecord } from '../taskModel';

/** What every task form receives; `context` is null when the API sent none (the task closed meanwhile). */
export interface TaskFormProps<K extends TaskKind> {
  task: TaskRecord & { kind: K };
  context: TaskContextOf<K> | null;
  /** The button that opened a decision: "reject" puts the reason first. */
  intent: TaskDecision;
  onClose: () => void;
}
