import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import type { Goal } from '@pe/domain';
import { goalsByRank } from './partnershipModel';

/** Goals carry no id of their own, so they are drawn as a plain table rather than a Datagrid. */
export function GoalsTable({ goals }: { goals: readonly Goal[] | undefined }) {
  const ranked = goalsByRank(goals);
  // Six columns do not fit a phone: there each goal is a card.
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  if (ranked.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No goals recorded yet.
      </Typography>
    );
  }
  if (small) {
    return (
      <Stack spacing={1} aria-label="Goals">
        {ranked.map((goal) => (
          <Paper key={`${goal.rank}-${goal.title}`} variant="outlined" sx={{ p: 1.5 }}>
            <Typography variant="subtitle2">
              {goal.rank}. {goal.title}
            </Typography>
            <Typography variant="body2">
              {goal.metric}: from {goal.baseline} to {goal.target} by {goal.dueDate}
            </Typography>
          </Paper>
        ))}
      </Stack>
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
