import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SignoffSubject } from '@pe/domain';
import { voteStatusSentence } from '../methodLabels';
import { signingRuleLabel } from './agreementModel';
import { CommandButton } from './CommandButton';
import { usePartnershipPage } from './PartnershipPageContext';

/**
 * The open sign-off round of `subject`, if any: each eligible organization's answer so far, and for
 * an integrated round seeking agreement, when it falls to a vote and the coordinator's "Call the vote".
 */
export function SignoffProgress({ subject }: { subject: SignoffSubject }) {
  const { record, names, access } = usePartnershipPage();
  const round = record.signoff;
  if (!round || round.subject !== subject) return null;
  const voteStatus = voteStatusSentence(round);
  const mayCallVote = access.coordinates && round.rule === 'agreement_or_vote' && !round.voting && !record.hold;
  return (
    <Stack spacing={1} component="section" aria-label="Sign-off in progress">
      <Typography variant="subtitle2" component="h3">
        Sign-off in progress: {signingRuleLabel(round.rule)}
      </Typography>
      {voteStatus && <Typography variant="body2">{voteStatus}</Typography>}
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
        {round.eligible.map((organizationId) => {
          const approved = round.approvals[organizationId];
          const refused = round.refusals[organizationId];
          const label = `${names.organization(organizationId)}: ${approved ? 'approved' : refused ? `refused (${refused.reason})` : 'waiting'}`;
          return <Chip key={organizationId} label={label} color={approved ? 'success' : refused ? 'error' : 'default'} variant="outlined" size="small" />;
        })}
      </Stack>
      {mayCallVote && (
        <div>
          <CommandButton partnershipId={record.id} command={{ type: 'CallVote' }} success="Put to the vote" variant="outlined">
            Call the vote
          </CommandButton>
        </div>
      )}
    </Stack>
  );
}
