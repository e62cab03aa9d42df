import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNotifyError, useNotifySuccess } from '../notifyError';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import type { MarkReadTarget } from './notificationModel';

/** Marks notifications read and refetches every notification query (the list and the badge). */
export function useMarkRead() {
  const dataProvider = useConsoleDataProvider();
  const queryClient = useQueryClient();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  return useMutation({
    mutationFn: (target: MarkReadTarget) => dataProvider.markNotificationsRead(target),
    onSuccess: async ({ marked }, target) => {
      await queryClient.invalidateQueries({ queryKey: ['notifications'] });
      if ('all' in target) notifySuccess(marked === 0 ? 'Nothing was unread' : `${marked} marked as read`);
    },
    onError: notifyError,
  });
}
