import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ListeningContext } from '@pe/domain';
import { useNames } from '../useNames';
import { GoalList } from './GoalList';
import { RoundStatus } from './RoundStatus';
import { Empty, Section } from './Section';

/** What a partner confirms is recorded: stakeholders, listening sessions and the alignment matrix. */
export function ListeningRecord({ context }: { context: ListeningContext }) {
  const stakeholderOrganizations = context.stakeholders.map((stakeholder) => stakeholder.organizationId);
  const organizationName = useNames('organizations', [...context.organizationIds, ...stakeholderOrganizations]);
  const goals = [...context.goals].sort((a, b) => a.rank - b.rank);
  return (
    <>
      <Section title="Goals">
        <GoalList goals={context.goals} />
      </Section>
      <Section title="Stakeholders">
        {context.stakeholders.length === 0 ? (
          <Empty>No stakeholders recorded.</Empty>
        ) : (
          context.stakeholders.map((stakeholder) => (
            <Typography key={stakeholder.id} variant="body2">
              <strong>{stakeholder.name}</strong>
              {stakeholder.organizationId ? ` (${organizationName(stakeholder.organizationId)})` : ''} — interest {stakeholder.interest}/5, influence{' '}
              {stakeholder.influence}/5
            </Typography>
          ))
        )}
      </Section>
      <Section title="Listening sessions">
        {context.sessions.length === 0 ? (
          <Empty>No sessions recorded.</Empty>
        ) : (
          context.sessions.map((session) => (
            <Box key={session.id}>
              <Typography variant="body2">
                <strong>{session.heldOn}</strong> with {session.participants.join(', ')}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                Heard: {session.heard}
              </Typography>
              {session.concerns.length > 0 && <Typography variant="body2">Concerns: {session.concerns.join('; ')}</Typography>}
            </Box>
          ))
        )}
      </Section>
      <Section title="Mission alignment (0 none – 3 full)">
        {/* Few goals and organizations: the grid fits a phone; the box scrolls only in extreme cases. */}
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Mission alignment">
            <TableHead>
              <TableRow>
                <TableCell>Organization</TableCell>
                {goals.map((goal) => (
                  <TableCell key={goal.rank} align="center" title={goal.title}>
                    Goal {goal.rank}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {context.organizationIds.map((organizationId) => (
                <TableRow key={organizationId}>
                  <TableCell>{organizationName(organizationId)}</TableCell>
                  {goals.map((goal) => {
                    const score = context.alignment[organizationId]?.[String(goal.rank)];
                    return (
                      <TableCell key={goal.rank} align="center" sx={score === 0 ? { color: 'error.main', fontWeight: 600 } : undefined}>
                        {score ?? '—'}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </Section>
      <Section title="Confirmations so far">
        <RoundStatus round={context.round} />
      </Section>
    </>
  );
}
