import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SignoffView } from '@pe/domain';
import { DECISION_RULE_SENTENCES, voteStatusSentence } from '../../methodLabels';
import { useNames } from '../useNames';
import { Empty } from './Section';

/** Who has answered the sign-off so far, for which organization, and when. */
export function RoundStatus({ round }: { round: SignoffView | null }) {
  const organizationName = useNames('organizations', round?.eligible ?? []);
  const people = round ? [...Object.values(round.approvals), ...Object.values(round.refusals)].map((answer) => answer.userId) : [];
  const userName = useNames('users', people);
  if (!round) return <Empty>No sign-off round is open.</Empty>;
  return (
    <Stack spacing={0.5}>
      <Typography variant="body2">{DECISION_RULE_SENTENCES[round.rule]}</Typography>
      {voteStatusSentence(round) && <Typography variant="body2">{voteStatusSentence(round)}</Typography>}
      {round.eligible.map((organizationId) => {
        const approval = round.approvals[organizationId];
        const refusal = round.refusals[organizationId];
        const answer = approval ?? refusal;
        return (
          <Stack key={organizationId} direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
            <Typography variant="body2">{organizationName(organizationId)}</Typography>
            <Chip size="small" color={approval ? 'success' : refusal ? 'error' : 'default'} label={approval ? 'Approved' : refusal ? 'Refused' : 'Waiting'} />
            {answer && (
              <Typography variant="caption" color="text.secondary">
                by {userName(answer.userId)}, {new Date(answer.at).toLocaleString()}
                {refusal ? ` — “${refusal.reason}”` : ''}
              </Typography>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
