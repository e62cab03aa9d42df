import { Admin, CustomRoutes, reactRouterProvider, Resource } from 'react-admin';
import events, { VERIFY_ALL_PATH } from './audit';
import { VerifyAllPage } from './audit/VerifyAllPage';
import accessLog from './access-log';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { LoginPage } from './LoginPage';
import deadlines from './deadlines';
import { Dashboard } from './home/Dashboard';
import { ConsoleLayout } from './layout/ConsoleLayout';
import notifications from './notifications';
import { NOTIFICATION_SETTINGS_PATH, NotificationSettings } from './notifications/NotificationSettings';
import sentEmail from './sent-email';
import webhooks from './webhooks';
import { NotForYourRole } from './NotForYourRole';
import organizations from './organizations';
import partnerships from './partnerships';
import { canCreatePartnerships, canFollowPeople, isAdmin } from './roles';
import tasks from './tasks';
import users from './users';

/** react-router's Route, as react-admin's default router provider uses it (no direct dependency). */
const { Route } = reactRouterProvider;

/**
 * Routes (hash router): #/ (the home page of the person's role), #/login, #/partnerships,
 * #/partnerships/create, #/partnerships/:id/show, #/tasks (the inbox), #/deadlines (the deadline
 * ledger), #/notifications, #/verification (every partnership's log verified at once), for the
 * auditor, admins and coordinators #/events (activity by person), and for admins #/organizations
 * and #/users (list, create, :id edit) and
 * #/access-log (who exported or verified which partnership's record), #/webhooks (organizations'
 * webhooks, each with its delivery log) and #/sent-email (the email outbox); for everyone
 * #/notification-settings (My notifications: in the console, by email, or both; at once or a daily digest).
 * For other roles those resources only feed references: they have no list, so they stay out of the
 * menu, and their addresses say so instead of showing a blank page.
 */
export function App() {
  return (
    <Admin
      title="Partnership Engine"
      authProvider={authProvider}
      dataProvider={dataProvider}
      loginPage={LoginPage}
      // No call home to react-admin's telemetry server (it fails offline and logs a console error).
      disableTelemetry
      dashboard={Dashboard}
      layout={ConsoleLayout}
      requireAuth
    >
      {(permissions: unknown) => (
        <>
          <Resource
            name="partnerships"
            {...partnerships}
            // Without a create route, react-admin hides every "create" button by itself.
            create={canCreatePartnerships(permissions) ? partnerships.create : undefined}
          />
          <Resource name="tasks" {...tasks} />
          <Resource name="deadlines" {...deadlines} />
          <Resource name="notifications" {...notifications} />
          {canFollowPeople(permissions) ? (
            <Resource name="events" {...events} />
          ) : (
            <Resource name="events" recordRepresentation={events.recordRepresentation}>
              <Route path="*" element={<NotForYourRole what="Events are shown on each partnership's timeline." />} />
            </Resource>
          )}
          {isAdmin(permissions) ? (
            <>
              <Resource name="organizations" {...organizations} />
              <Resource name="users" {...users} />
              <Resource name="access-log" {...accessLog} />
              <Resource name="webhooks" {...webhooks} />
              <Resource name="webhook-deliveries" />
              <Resource name="sent-email" {...sentEmail} />
            </>
          ) : (
            <>
              <Resource name="organizations" recordRepresentation={organizations.recordRepresentation}>
                <Route path="*" element={<NotForYourRole what="Organizations are managed by an administrator." />} />
              </Resource>
              <Resource name="users" recordRepresentation={users.recordRepresentation}>
                <Route path="*" element={<NotForYourRole what="Users are managed by an administrator." />} />
              </Resource>
              <Resource name="access-log">
                <Route path="*" element={<NotForYourRole what="The access log is read by an administrator." />} />
              </Resource>
              <Resource name="webhooks">
                <Route path="*" element={<NotForYourRole what="Webhooks are registered by an administrator." />} />
              </Resource>
              <Resource name="sent-email">
                <Route path="*" element={<NotForYourRole what="Sent email is read by an administrator; choose how you are notified under My notifications." />} />
              </Resource>
            </>
          )}
          <CustomRoutes>
            <Route path={VERIFY_ALL_PATH} element={<VerifyAllPage />} />
            <Route path={NOTIFICATION_SETTINGS_PATH} element={<NotificationSettings />} />
          </CustomRoutes>
        </>
      )}
    </Admin>
  );
}
