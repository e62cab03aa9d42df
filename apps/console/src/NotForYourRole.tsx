import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { Link, Title } from 'react-admin';

/**
 * What a resource's address shows to a role that has no screen there (e.g. #/users for anyone but
 * an admin): a sentence and a way on, rather than a blank page.
 */
export function NotForYourRole({ what }: { what: string }) {
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="Not available" />
      <CardContent>
        <Typography variant="h6" component="p" gutterBottom>
          {what}
        </Typography>
        <Typography variant="body2">
          Go to your <Link to="/tasks">inbox</Link> or the <Link to="/partnerships">partnerships</Link>.
        </Typography>
      </CardContent>
    </Card>
  );
}
