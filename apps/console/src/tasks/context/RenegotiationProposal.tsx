import Typography from '@mui/material/Typography';
import { goalOverlap, type RenegotiationContext } from '@pe/domain';
import { overlapWarning } from '../../partnerships/listeningModel';
import { useNames } from '../useNames';
import { GoalList } from './GoalList';
import { RoundStatus } from './RoundStatus';
import { Empty, Section } from './Section';

/** What the partners decide on: why the coordinator would go back to priority setting, and which goals the matrix flags. */
export function RenegotiationProposal({ context }: { context: RenegotiationContext }) {
  const userName = useNames('users', [context.proposal?.proposedBy]);
  const organizationName = useNames('organizations', context.organizationIds);
  const proposal = context.proposal;
  if (!proposal) return <Empty>No renegotiation is proposed any more.</Empty>;
  const flagged = context.goals.filter((goal) => proposal.goalRanks.includes(goal.rank));
  return (
    <>
      <Section title="Proposed">
        <Typography variant="body1">
          Go back to priority setting and redraft the goals, proposed by {userName(proposal.proposedBy)} on {new Date(proposal.proposedAt).toLocaleString()}.
        </Typography>
      </Section>
      <Section title="Reason">
        <Typography variant="body1" component="blockquote" sx={{ m: 0, pl: 2, borderLeft: 3, borderColor: 'divider', whiteSpace: 'pre-wrap' }}>
          {proposal.reason}
        </Typography>
      </Section>
      <Section title="Goals the alignment matrix flags">
        {flagged.map((goal) => (
          <Typography key={goal.rank} variant="body2">
            <strong>
              {goal.rank}. {goal.title}
            </strong>
            : {overlapWarning(goalOverlap(goal, context.organizationIds, context.alignment), organizationName) ?? 'no longer flagged'}
          </Typography>
        ))}
      </Section>
      <Section title="All goals">
        <GoalList goals={context.goals} />
      </Section>
      <Section title="Answers so far">
        <RoundStatus round={context.round} />
      </Section>
    </>
  );
}
