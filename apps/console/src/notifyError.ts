/**
 * The one way screens report a failed command: the API's message, with its field errors,
 * shown as-is (not run through translation, which would mangle arbitrary text).
 */
import { useCallback } from 'react';
import { useNotify } from 'react-admin';
import { messageOf } from './apiError';

export function useNotifyError(): (error: unknown) => void {
  const notify = useNotify();
  return useCallback(
    (error: unknown) => {
      const message = messageOf(error);
      notify(message, { type: 'error', messageArgs: { _: message } });
    },
    [notify],
  );
}

export function useNotifySuccess(): (message: string) => void {
  const notify = useNotify();
  return useCallback((message: string) => notify(message, { type: 'success', messageArgs: { _: message } }), [notify]);
}
