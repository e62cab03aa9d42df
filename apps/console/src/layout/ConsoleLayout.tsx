import type { ReactNode } from 'react';
import { AppBar, Layout, LoadingIndicator } from 'react-admin';
import { POLL_MS } from '../notifications/notificationModel';
import { ConsoleMenu } from './ConsoleMenu';
import { NotificationsBell } from './NotificationsBell';
import { useFreshLists } from './useFreshLists';

/** Lists whose rows arrive from timers and other people, not from this person's own clicks. */
const LIVE_RESOURCES = ['tasks', 'deadlines', 'events'] as const;

function ConsoleAppBar() {
  return (
    <AppBar
      toolbar={
        <>
          <NotificationsBell />
          <LoadingIndicator />
        </>
      }
    />
  );
}

/** react-admin's layout with the notification bell, a Home menu item, and the inbox kept fresh without a reload. */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  useFreshLists(LIVE_RESOURCES, POLL_MS);
  return (
    <Layout appBar={ConsoleAppBar} menu={ConsoleMenu}>
      {children}
    </Layout>
  );
}
