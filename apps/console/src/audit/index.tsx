import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import { ActivityList } from './ActivityList';

/** The event log as a resource: the list is "Activity by person"; each partnership's timeline reads the same events. */
export default {
  list: ActivityList,
  icon: ManageSearchIcon,
  options: { label: 'Activity by person' },
  recordRepresentation: 'type',
};

/** Where "verify all" lives; a custom route, since it is a run rather than a list of records. */
export const VERIFY_ALL_PATH = '/verification';
