import BlockIcon from '@mui/icons-material/Block';
import RestoreIcon from '@mui/icons-material/Restore';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { Confirm, useRecordContext, useResourceContext, useUpdate } from 'react-admin';
import { useNotifyError, useNotifySuccess } from '../notifyError';

interface ToggleActiveButtonProps {
  /** What deactivating means for this kind of record, said in the confirmation. */
  consequence: string;
}

/**
 * Deactivates (after a confirmation) or reactivates the record in context: PUT {active}. Nothing is
 * deleted, because past events keep naming the record.
 */
export function ToggleActiveButton({ consequence }: ToggleActiveButtonProps) {
  const record = useRecordContext<{ id: string; name: string; active: boolean }>();
  const resource = useResourceContext();
  const [confirming, setConfirming] = useState(false);
  const [update, { isPending }] = useUpdate();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  if (!record || !resource) return null;

  const setActive = (active: boolean) =>
    update(
      resource,
      { id: record.id, data: { active }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => notifySuccess(active ? `${record.name} is active again` : `${record.name} is deactivated`),
        onError: notifyError,
        onSettled: () => setConfirming(false),
      },
    );

  if (!record.active) {
    return (
      <Button size="small" startIcon={<RestoreIcon />} disabled={isPending} onClick={() => setActive(true)}>
        Reactivate
      </Button>
    );
  }
  return (
    <>
      <Button size="small" color="error" startIcon={<BlockIcon />} onClick={() => setConfirming(true)}>
        Deactivate
      </Button>
      <Confirm
        isOpen={confirming}
        loading={isPending}
        title={`Deactivate ${record.name}?`}
        content={consequence}
        confirm="Deactivate"
        confirmColor="warning"
        onConfirm={() => setActive(false)}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
