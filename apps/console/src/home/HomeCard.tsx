import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link } from 'react-admin';

/** One section of a home page: a heading, its rows, and a link to the full list. */
export function HomeCard({ id, title, more, children }: { id: string; title: string; more?: { to: string; label: string }; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-labelledby={`home-${id}`} sx={{ height: '100%' }}>
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'baseline', gap: 1, flexWrap: 'wrap', mb: 1 }}>
          <Typography variant="h6" component="h2" id={`home-${id}`}>
            {title}
          </Typography>
          {more && <Link to={more.to}>{more.label}</Link>}
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
}

export function Nothing({ children }: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="text.secondary">
      {children}
    </Typography>
  );
}

/** A row of a home list: what, then a second line of when and where. */
export function HomeRow({ primary, secondary }: { primary: ReactNode; secondary: ReactNode }) {
  return (
    <Stack component="li" sx={{ py: 0.75, borderBottom: 1, borderColor: 'divider', '&:last-of-type': { borderBottom: 0 }, minWidth: 0 }}>
      <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
        {primary}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        {secondary}
      </Typography>
    </Stack>
  );
}

export function HomeRows({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack component="ul" aria-label={label} sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {children}
    </Stack>
  );
}
