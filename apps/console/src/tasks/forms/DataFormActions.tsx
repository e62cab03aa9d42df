import DoneIcon from '@mui/icons-material/Done';
import Button from '@mui/material/Button';

/** Cancel and the submit button of a form completed with data. */
export function DataFormActions({ onClose, pending, label = 'Complete' }: { onClose: () => void; pending: boolean; label?: string }) {
  return (
    <>
      <Button onClick={onClose}>Cancel</Button>
      <Button type="submit" variant="contained" startIcon={<DoneIcon />} disabled={pending}>
        {label}
      </Button>
    </>
  );
}
