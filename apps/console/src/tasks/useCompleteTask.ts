import { useCallback, useState } from 'react';
import { useRefresh } from 'react-admin';
import { useNotifySuccess } from '../notifyError';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import type { TaskCompletion } from './taskModel';

/**
 * Completes a task, reports success and refreshes every query (the inbox, the partnership
 * and its timeline all change). Failures are rethrown: the caller knows where to show them.
 */
export function useCompleteTask(taskId: string) {
  const dataProvider = useConsoleDataProvider();
  const refresh = useRefresh();
  const notifySuccess = useNotifySuccess();
  const [pending, setPending] = useState(false);

  const complete = useCallback(
    async (completion: TaskCompletion) => {
      setPending(true);
      try {
        await dataProvider.completeTask(taskId, completion);
        notifySuccess('Task completed');
        refresh();
      } finally {
        setPending(false);
      }
    },
    [dataProvider, notifySuccess, refresh, taskId],
  );

  return { complete, pending };
}
