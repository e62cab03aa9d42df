import CorporateFareIcon from '@mui/icons-material/CorporateFare';
import { OrganizationCreate } from './OrganizationCreate';
import { OrganizationEdit } from './OrganizationEdit';
import { OrganizationList } from './OrganizationList';
import type { OrganizationRecord } from './organizationModel';

/** The admin's organization screens; other roles only resolve references through this resource. */
export default {
  list: OrganizationList,
  create: OrganizationCreate,
  edit: OrganizationEdit,
  icon: CorporateFareIcon,
  recordRepresentation: (record: OrganizationRecord) => record.name,
};
