import DoneIcon from '@mui/icons-material/Done';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import TuneIcon from '@mui/icons-material/Tune';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { Datagrid, DateField, FunctionField, Link, List, SelectInput, SimpleList, TopToolbar } from 'react-admin';
import { NotificationKindChip } from './NotificationKindChip';
import { isUnread, kindChoices, kindLabel, localizeInstants, POLL_MS, type NotificationRecord } from './notificationModel';
import { NOTIFICATION_SETTINGS_PATH } from './NotificationSettings';
import { useMarkRead } from './useMarkRead';

const filters = [
  <SelectInput key="kind" source="kind" label="Kind" choices={kindChoices} />,
  <SelectInput
    key="unread"
    source="unread"
    label="Read"
    choices={[
      { id: true, name: 'Unread only' },
      { id: false, name: 'Read only' },
    ]}
  />,
];

function NoNotifications() {
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6" component="p">
        No notifications
      </Typography>
    </Box>
  );
}

function MarkAllReadButton() {
  const markRead = useMarkRead();
  return (
    <Button size="small" startIcon={<DoneAllIcon />} disabled={markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
      Mark all read
    </Button>
  );
}

function MarkReadButton({ notification }: { notification: NotificationRecord }) {
  const markRead = useMarkRead();
  if (!isUnread(notification)) return null;
  return (
    <Button
      size="small"
      startIcon={<DoneIcon />}
      disabled={markRead.isPending}
      sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      onClick={(event) => {
        // The row may be clickable on small screens; the button only marks.
        event.stopPropagation();
        markRead.mutate({ ids: [notification.id] });
      }}
    >
      Mark read
    </Button>
  );
}

const unreadSx = (notification: NotificationRecord) => (isUnread(notification) ? { '& td': { fontWeight: 600 }, bgcolor: 'action.hover' } : {});

/**
 * The API only ever lists the current user's notifications, so no "mine" filter is needed. The
 * list is fetched again every few seconds, so a reminder shows up without a reload.
 */
export function NotificationList() {
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  return (
    <List
      perPage={25}
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      empty={<NoNotifications />}
      exporter={false}
      actions={
        <TopToolbar>
          <Button size="small" component={Link} to={NOTIFICATION_SETTINGS_PATH} startIcon={<TuneIcon />}>
            My notifications
          </Button>
          <MarkAllReadButton />
        </TopToolbar>
      }
      queryOptions={{ refetchInterval: POLL_MS }}
    >
      {small ? (
        <SimpleList<NotificationRecord>
          primaryText={(notification) => localizeInstants(notification.message)}
          secondaryText={(notification) => (
            <>
              {kindLabel(notification.kind)} · {new Date(notification.createdAt).toLocaleString()}
              {isUnread(notification) ? ' · unread' : ''}
              {notification.partnershipId && (
                <>
                  {' · '}
                  <Link to={`/partnerships/${notification.partnershipId}/show`}>Open the partnership</Link>
                </>
              )}
            </>
          )}
          tertiaryText={(notification) => <MarkReadButton notification={notification} />}
          linkType={false}
          rowSx={unreadSx}
        />
      ) : (
        <Datagrid bulkActionButtons={false} rowClick={false} empty={<NoNotifications />} rowSx={unreadSx}>
          <NotificationKindChip label="Kind" />
          <FunctionField<NotificationRecord> label="Message" render={(notification) => localizeInstants(notification.message)} />
          <FunctionField<NotificationRecord>
            label="Partnership"
            render={(notification) => (notification.partnershipId ? <Link to={`/partnerships/${notification.partnershipId}/show`}>Open</Link> : null)}
          />
          <DateField source="createdAt" label="Created" showTime />
          <FunctionField<NotificationRecord> label="" render={(notification) => <MarkReadButton notification={notification} />} />
        </Datagrid>
      )}
    </List>
  );
}
