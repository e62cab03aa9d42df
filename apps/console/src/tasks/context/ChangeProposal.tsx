import Typography from '@mui/material/Typography';
import { goalOverlap, type ChangeContext } from '@pe/domain';
import { changeSentence } from '../../partnerships/changeModel';
import { overlapWarning } from '../../partnerships/listeningModel';
import { useNames } from '../useNames';
import { GoalList } from './GoalList';
import { RoundStatus } from './RoundStatus';
import { Empty, Section } from './Section';

/** What the partners decide on: the change, why, and — for the goals — which ones the alignment matrix flags. */
export function ChangeProposal({ context }: { context: ChangeContext }) {
  const proposal = context.proposal;
  const change = proposal?.change;
  const userName = useNames('users', [proposal?.proposedBy]);
  const organizationName = useNames('organizations', [
    ...context.organizationIds,
    ...(change && change.kind !== 'renegotiate_goals' && change.kind !== 'revisit' ? [change.organizationId] : []),
    ...(change?.kind === 'remove_organization' ? [change.reassignTo] : []),
  ]);
  if (!proposal || !change) return <Empty>No change is proposed any more.</Empty>;
  const flagged = change.kind === 'renegotiate_goals' ? context.goals.filter((goal) => change.goalRanks.includes(goal.rank)) : [];
  return (
    <>
      <Section title="Proposed">
        <Typography variant="body1">{changeSentence(change, organizationName)}</Typography>
        <Typography variant="body2" color="text.secondary">
          By {userName(proposal.proposedBy)} on {new Date(proposal.proposedAt).toLocaleString()}.
        </Typography>
      </Section>
      {proposal.reason && (
        <Section title="Reason">
          <Typography variant="body1" component="blockquote" sx={{ m: 0, pl: 2, borderLeft: 3, borderColor: 'divider', whiteSpace: 'pre-wrap' }}>
            {proposal.reason}
          </Typography>
        </Section>
      )}
      {flagged.length > 0 && (
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
      )}
      {(change.kind === 'renegotiate_goals' || change.kind === 'revisit') && (
        <Section title="The goals now">
          <GoalList goals={context.goals} />
        </Section>
      )}
      <Section title="Answers so far">
        <RoundStatus round={context.round} />
      </Section>
    </>
  );
}
