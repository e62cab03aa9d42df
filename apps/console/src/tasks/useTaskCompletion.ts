import { checkCompletionData } from '@pe/domain';
import { useCallback, useState } from 'react';
import { fieldErrorsOf } from '../apiError';
import { useNotifyError } from '../notifyError';
import type { FieldErrors } from './taskFormModel';
import type { TaskCompletion, TaskRecord } from './taskModel';
import { useCompleteTask } from './useCompleteTask';

/**
 * Sends a form's completion and keeps the field errors where the form can show them: the kind's
 * own check first (no round trip for a blank field), then the API's 400 or the decider's 422.
 */
export function useTaskCompletion(task: Pick<TaskRecord, 'id' | 'kind'>, onDone: () => void) {
  const { complete, pending } = useCompleteTask(task.id);
  const notifyError = useNotifyError();
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = useCallback(
    async (completion: TaskCompletion) => {
      const local = checkCompletionData(task.kind, completion.data);
      if (!local.ok) {
        setErrors(local.errors);
        return;
      }
      try {
        await complete(completion);
        setErrors({});
        onDone();
      } catch (error) {
        setErrors(fieldErrorsOf(error));
        notifyError(error);
      }
    },
    [complete, notifyError, onDone, task.kind],
  );

  const clearError = useCallback((...fields: string[]) => {
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !fields.includes(field))));
  }, []);

  return { submit, pending, errors, setErrors, clearError };
}
