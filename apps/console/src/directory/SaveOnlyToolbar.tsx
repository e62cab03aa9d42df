import { SaveButton, Toolbar } from 'react-admin';

/** Organizations and users are never deleted (past events name them), so their forms only save. */
export function SaveOnlyToolbar() {
  return (
    <Toolbar>
      <SaveButton />
    </Toolbar>
  );
}
