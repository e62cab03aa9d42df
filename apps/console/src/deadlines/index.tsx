import ScheduleIcon from '@mui/icons-material/Schedule';
import { DeadlineList } from './DeadlineList';
import type { DeadlineRecord } from './deadlineModel';

export default {
  list: DeadlineList,
  icon: ScheduleIcon,
  options: { label: 'Deadlines' },
  recordRepresentation: (record: DeadlineRecord) => record.taskTitle ?? record.purpose,
};
