import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { Datagrid, DateField, FunctionField, Link, List, SelectInput, TextField } from 'react-admin';
import { NotificationKindChip } from './NotificationKindChip';
import { kindChoices, type NotificationRecord } from './notificationModel';

const filters = [<SelectInput key="kind" source="kind" label="Kind" choices={kindChoices} />];

function NoNotifications() {
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6" component="p">
        No notifications
      </Typography>
    </Box>
  );
}

/** The API only ever lists the current user's notifications, so no "mine" filter is needed. */
export function NotificationList() {
  return (
    <List perPage={25} filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} empty={<NoNotifications />} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick={false} empty={<NoNotifications />}>
        <NotificationKindChip label="Kind" />
        <TextField source="message" />
        <FunctionField<NotificationRecord>
          label="Partnership"
          render={(notification) =>
            notification.partnershipId ? <Link to={`/partnerships/${notification.partnershipId}/show`}>Open</Link> : null
          }
        />
        <DateField source="createdAt" label="Created" showTime />
      </Datagrid>
    </List>
  );
}
