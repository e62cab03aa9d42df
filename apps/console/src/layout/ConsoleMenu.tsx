import TuneIcon from '@mui/icons-material/Tune';
import VerifiedIcon from '@mui/icons-material/Verified';
import { Menu } from 'react-admin';
import { VERIFY_ALL_PATH } from '../audit';
import { NOTIFICATION_SETTINGS_PATH } from '../notifications/NotificationSettings';

/** react-admin's menu with the dashboard called what it is for a person: their home; and "verify all", a page of its own. */
export function ConsoleMenu() {
  return (
    <Menu>
      <Menu.DashboardItem primaryText="Home" />
      <Menu.ResourceItems />
      <Menu.Item to={VERIFY_ALL_PATH} primaryText="Verify all" leftIcon={<VerifiedIcon />} />
      <Menu.Item to={NOTIFICATION_SETTINGS_PATH} primaryText="My notifications" leftIcon={<TuneIcon />} />
    </Menu>
  );
}
