import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import { AccessLogList } from './AccessLogList';
import { accessLabel, type AccessLogRecord } from './accessLogModel';

/** The admin's access log; other roles have no screen here. */
export default {
  list: AccessLogList,
  icon: ManageSearchIcon,
  options: { label: 'Access log' },
  recordRepresentation: (record: AccessLogRecord) => accessLabel(record),
};
