import Typography from '@mui/material/Typography';
import type { Goal } from '@pe/domain';
import { Empty } from './Section';

/** Ranked goals as lines of text: they wrap on a phone where a six-column table would not. */
export function GoalList({ goals }: { goals: readonly Goal[] }) {
  if (goals.length === 0) return <Empty>No goals recorded.</Empty>;
  return (
    <ol style={{ margin: 0, paddingLeft: '1.25rem' }}>
      {[...goals]
        .sort((a, b) => a.rank - b.rank)
        .map((goal) => (
          <li key={goal.rank}>
            <Typography variant="body2">
              <strong>{goal.title}</strong> — {goal.metric}: from {goal.baseline} to {goal.target} by {goal.dueDate}
            </Typography>
          </li>
        ))}
    </ol>
  );
}
