import NotificationsIcon from '@mui/icons-material/Notifications';
import Badge from '@mui/material/Badge';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { Link, useGetList } from 'react-admin';
import { POLL_MS, UNREAD_FILTER, unreadBadge } from '../notifications/notificationModel';

/** The unread count in the app bar, fetched again every few seconds; a click opens the list. */
export function NotificationsBell() {
  const { total } = useGetList(
    'notifications',
    { filter: UNREAD_FILTER, pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'DESC' } },
    { refetchInterval: POLL_MS },
  );
  const badge = unreadBadge(total);
  const label = total ? `${total} unread notification${total === 1 ? '' : 's'}` : 'No unread notifications';
  return (
    <Tooltip title={label}>
      <IconButton component={Link} to="/notifications" color="inherit" aria-label={label}>
        <Badge badgeContent={badge} color="error">
          <NotificationsIcon />
        </Badge>
      </IconButton>
    </Tooltip>
  );
}
