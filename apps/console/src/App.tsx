import { Admin, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import deadlines from './deadlines';
import { Dashboard } from './home/Dashboard';
import { ConsoleLayout } from './layout/ConsoleLayout';
import notifications from './notifications';
import partnerships from './partnerships';
import { canCreatePartnerships } from './roles';
import tasks from './tasks';

/**
 * Routes (hash router): #/ (the home page of the person's role), #/login, #/partnerships,
 * #/partnerships/create, #/partnerships/:id/show, #/tasks (the inbox), #/deadlines (the deadline
 * ledger), #/notifications. Resources without a list (events, users, organizations) only feed
 * references, so they stay out of the menu.
 */
export function App() {
  return (
    <Admin
      title="Partnership Engine"
      authProvider={authProvider}
      dataProvider={dataProvider}
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
          <Resource name="events" recordRepresentation="type" />
          <Resource name="users" recordRepresentation="name" />
          <Resource name="organizations" recordRepresentation="name" />
        </>
      )}
    </Admin>
  );
}
