import Typography from '@mui/material/Typography';
import { GoalList } from '../context/GoalList';
import { Empty, Section } from '../context/Section';
import { DecisionForm } from './DecisionForm';
import type { TaskFormProps } from './types';

export function ApprovePrioritiesForm({ task, context, intent, onClose }: TaskFormProps<'APPROVE_PRIORITIES'>) {
  return (
    <DecisionForm task={task} intent={intent} onClose={onClose}>
      {!context ? (
        <Empty>The priorities are no longer available.</Empty>
      ) : (
        <>
          <Section title="Goals, by rank">
            <GoalList goals={context.goals} />
          </Section>
          <Section title="Scope">
            <Typography variant="body2">{context.scope || '—'}</Typography>
          </Section>
          {context.lastRejectionReason && (
            <Section title="Last rejected because">
              <Typography variant="body2">{context.lastRejectionReason}</Typography>
            </Section>
          )}
        </>
      )}
    </DecisionForm>
  );
}
