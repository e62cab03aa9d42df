import NotificationsIcon from '@mui/icons-material/Notifications';
import type { NotificationRecord } from './notificationModel';
import { NotificationList } from './NotificationList';

export default {
  list: NotificationList,
  icon: NotificationsIcon,
  recordRepresentation: (record: NotificationRecord) => record.message,
};
