import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { UserCreate } from './UserCreate';
import { UserEdit } from './UserEdit';
import { UserList } from './UserList';
import type { UserRecord } from './userModel';

/** The admin's user screens; other roles only resolve references through this resource. */
export default {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  icon: ManageAccountsIcon,
  recordRepresentation: (record: UserRecord) => record.name,
};
