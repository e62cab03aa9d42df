import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactElement } from 'react';
import { Title, usePermissions } from 'react-admin';
import { asRole } from '../roles';
import { readUser } from '../session';
import { HOME_GREETING, homeSectionsFor, type HomeSection } from './homeModel';
import { ActivitySection, DeadlinesSection, EscalationsSection, MyTasksSection, OverdueSection, StagesSection } from './HomeSections';

/** The home page: what this person's role needs first, in the order homeModel gives. */
export function Dashboard() {
  const { permissions, isPending } = usePermissions();
  const role = asRole(permissions);
  if (isPending) return null;
  const user = readUser();
  const sections: Record<HomeSection, ReactElement> = {
    stages: <StagesSection />,
    myTasks: <MyTasksSection role={role} />,
    overdue: <OverdueSection />,
    deadlines: <DeadlinesSection />,
    escalations: <EscalationsSection />,
    activity: <ActivitySection />,
  };
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4 }}>
      <Title title="Home" />
      <div>
        <Typography variant="h5" component="h1">
          {user ? `Welcome, ${user.name}` : 'Welcome'}
        </Typography>
        {role && (
          <Typography variant="body2" color="text.secondary">
            {HOME_GREETING[role]}
          </Typography>
        )}
      </div>
      <Grid container spacing={2}>
        {homeSectionsFor(role).map((section) => (
          <Grid key={section} size={{ xs: 12, md: 6 }}>
            {sections[section]}
          </Grid>
        ))}
      </Grid>
    </Stack>
  );
}
