import Typography from '@mui/material/Typography';
import type { TerminationContext } from '@pe/domain';
import { TERMINATION_OPTION_LABELS } from '../../methodLabels';
import { stageLabel } from '../../partnerships/partnershipModel';
import { useNames } from '../useNames';
import { RoundStatus } from './RoundStatus';
import { Empty, Section } from './Section';

/** The proposal the sponsor approves and the partners sign: the option, and why. */
export function TerminationProposal({ context, showRound }: { context: TerminationContext; showRound: boolean }) {
  const userName = useNames('users', [context.proposal?.proposedBy]);
  const proposal = context.proposal;
  if (!proposal) return <Empty>No termination is proposed any more.</Empty>;
  return (
    <>
      <Section title="Proposed">
        <Typography variant="body1">
          <strong>{TERMINATION_OPTION_LABELS[proposal.option]}</strong>, proposed in {stageLabel(proposal.fromStage)}
          {proposal.proposedBy ? ` by ${userName(proposal.proposedBy)}` : ''}
          {proposal.proposedAt ? ` on ${new Date(proposal.proposedAt).toLocaleString()}` : ''}.
        </Typography>
      </Section>
      <Section title="Reason">
        <Typography variant="body1" component="blockquote" sx={{ m: 0, pl: 2, borderLeft: 3, borderColor: 'divider', whiteSpace: 'pre-wrap' }}>
          {proposal.reason}
        </Typography>
      </Section>
      <Section title="Notice period">
        <Typography variant="body2">{context.noticePeriod ?? 'None agreed'}</Typography>
      </Section>
      {showRound && (
        <Section title="Sign-off so far">
          <RoundStatus round={context.round} />
        </Section>
      )}
    </>
  );
}
