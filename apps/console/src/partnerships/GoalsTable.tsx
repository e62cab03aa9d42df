import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Goal } from '@pe/domain';
import { goalsByRank } from './partnershipModel';

/** Goals carry no id of their own, so they are drawn as a plain table rather than a Datagrid. */
export function GoalsTable({ goals }: { goals: readonly Goal[] | undefined }) {
  const ranked = goalsByRank(goals);
  if (ranked.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No goals recorded yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Goals">
      <TableHead>
        <TableRow>
          <TableCell>Rank</TableCell>
          <TableCell>Title</TableCell>
          <TableCell>Metric</TableCell>
          <TableCell align="right">Baseline</TableCell>
          <TableCell align="right">Target</TableCell>
          <TableCell>Due date</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {ranked.map((goal) => (
          <TableRow key={`${goal.rank}-${goal.title}`}>
            <TableCell>{goal.rank}</TableCell>
            <TableCell>{goal.title}</TableCell>
            <TableCell>{goal.metric}</TableCell>
            <TableCell align="right">{goal.baseline}</TableCell>
            <TableCell align="right">{goal.target}</TableCell>
            <TableCell>{goal.dueDate}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
