import HandshakeIcon from '@mui/icons-material/Handshake';
import type { PartnershipRecord } from './partnershipModel';
import { PartnershipCreate } from './PartnershipCreate';
import { PartnershipList } from './PartnershipList';
import { PartnershipShow } from './PartnershipShow';

export default {
  list: PartnershipList,
  show: PartnershipShow,
  create: PartnershipCreate,
  icon: HandshakeIcon,
  recordRepresentation: (record: PartnershipRecord) => record.name,
};
