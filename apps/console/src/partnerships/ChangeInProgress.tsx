import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { changeSentence } from './changeModel';
import { usePartnershipPage } from './PartnershipPageContext';
import { SectionHeading } from './SectionHeading';
import { SignoffProgress } from './SignoffProgress';

/** The change the partners are deciding (a CHANGE round), if any: what, why, and each organization's answer. */
export function ChangeInProgress() {
  const { record, names } = usePartnershipPage();
  const round = record.signoff;
  if (round?.subject !== 'CHANGE' || !round.proposal) return null;
  const { change, reason, proposedBy, proposedAt } = round.proposal;
  return (
    <Stack spacing={1} component="section" aria-labelledby="change-heading">
      <SectionHeading id="change-heading">Proposed change</SectionHeading>
      <Typography variant="body2">{changeSentence(change, names.organization)}</Typography>
      <Typography variant="body2" color="text.secondary">
        Proposed by {names.user(proposedBy)} on {new Date(proposedAt).toLocaleString()}
        {reason ? `: “${reason}”` : ''}
      </Typography>
      <SignoffProgress subject="CHANGE" />
    </Stack>
  );
}
