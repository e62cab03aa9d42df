import { Menu } from 'react-admin';

/** react-admin's menu with the dashboard called what it is for a person: their home. */
export function ConsoleMenu() {
  return (
    <Menu>
      <Menu.DashboardItem primaryText="Home" />
      <Menu.ResourceItems />
    </Menu>
  );
}
