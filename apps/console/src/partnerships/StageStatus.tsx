import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import type { Stage } from '@pe/domain';
import { usePartnershipPage } from './PartnershipPageContext';
import { stagePageStatus } from './waitingModel';

/**
 * The first thing on a stage's page that is not the current one: done, or not started yet. The
 * current stage's wait is already said above every tab (the page header), so it is not repeated.
 */
export function StageStatus({ stage }: { stage: Stage }) {
  const { record, names, now } = usePartnershipPage();
  const current = stage === record.stage;
  if (current) return null;
  const lines = stagePageStatus(stage, record, names, now);
  return (
    <Stack spacing={0.5} data-testid={`stage-status-${stage}`}>
      {lines.map((line) => (
        <Alert key={line} severity={current ? 'info' : 'success'} variant={current ? 'standard' : 'outlined'} icon={current ? undefined : false}>
          {line}
        </Alert>
      ))}
    </Stack>
  );
}

/** A rule's message shown beside the section it concerns (e.g. after "Issue agreement" failed). */
export function SectionError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Alert severity="error" role="alert">
      {message}
    </Alert>
  );
}
