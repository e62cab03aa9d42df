import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import type { MouseEvent } from 'react';
import { Button, Link, useRecordContext } from 'react-admin';
import type { UserRecord } from '../users/userModel';
import { activityPath } from './auditModel';

/** From a user's row or page to everything they did; a click on it is not a click on the row. */
export function SeeActivityButton(_props: { label?: string }) {
  const user = useRecordContext<UserRecord>();
  if (!user) return null;
  return (
    <Button
      component={Link}
      to={activityPath(user.id)}
      label="See activity"
      aria-label={`See the activity of ${user.name}`}
      onClick={(event: MouseEvent) => event.stopPropagation()}
    >
      <PersonSearchIcon />
    </Button>
  );
}
