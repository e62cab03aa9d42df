import { useDataProvider } from 'react-admin';
import type { ConsoleDataProvider } from './dataProvider';

/** The data provider with its custom methods typed (react-admin's hook only knows CRUD). */
export function useConsoleDataProvider(): ConsoleDataProvider {
  return useDataProvider<ConsoleDataProvider>();
}
