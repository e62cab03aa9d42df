import MarkEmailReadIcon from '@mui/icons-material/MarkEmailRead';
import { SentEmailList } from './SentEmailList';
import { SentEmailShow } from './SentEmailShow';
import type { SentEmailRecord } from './sentEmailModel';

/** The email outbox, for admins; other roles have no screen here. */
export default {
  list: SentEmailList,
  show: SentEmailShow,
  icon: MarkEmailReadIcon,
  options: { label: 'Sent email' },
  recordRepresentation: (record: SentEmailRecord) => record.subject,
};
