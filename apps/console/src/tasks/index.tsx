import InboxIcon from '@mui/icons-material/Inbox';
import type { TaskRecord } from './taskModel';
import { TaskList } from './TaskList';

export default {
  list: TaskList,
  icon: InboxIcon,
  // The menu and page titles say "Inbox": that is what a person looks for.
  options: { label: 'Inbox' },
  recordRepresentation: (record: TaskRecord) => record.title,
};
