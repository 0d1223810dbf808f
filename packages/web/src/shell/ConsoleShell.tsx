// The signed-in console: header, navigation, the live stream and the current page.
import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { SessionInfo } from '@bulwark/contracts';
import { LiveStreamProvider } from '../live/LiveStreamProvider.tsx';
import { AiguardPage } from '../pages/AiguardPage.tsx';
import { AlertsPage } from '../pages/AlertsPage.tsx';
import { EntitiesPage } from '../pages/EntitiesPage.tsx';
import { FederationPage } from '../pages/FederationPage.tsx';
import { HealthPage } from '../pages/HealthPage.tsx';
import { IncidentsPage } from '../pages/IncidentsPage.tsx';
import { IntelPage } from '../pages/IntelPage.tsx';
import { LiveEventsPage } from '../pages/LiveEventsPage.tsx';
import { MediaPage } from '../pages/MediaPage.tsx';
import { RulesPage } from '../pages/RulesPage.tsx';
import { SearchPage } from '../pages/SearchPage.tsx';
import { SharingGroupsPage } from '../pages/SharingGroupsPage.tsx';
import { AccountControls } from './AccountControls.tsx';
import { HeaderBar } from './HeaderBar.tsx';
import { NavMenu } from './NavMenu.tsx';
import { MAIN_ID, SkipLink } from './SkipLink.tsx';
import { NotAllowed } from './NotAllowed.tsx';
import { useHashRoute } from './useHashRoute.ts';
import { routeAllowed, type RouteId } from './routes.ts';

function Page({ route, session }: { route: RouteId; session: SessionInfo }) {
  if (!routeAllowed(route, session.permissions)) return <NotAllowed />;
  switch (route) {
    case 'live':
      return <LiveEventsPage />;
    case 'search':
      return <SearchPage />;
    case 'alerts':
      return <AlertsPage session={session} />;
    case 'incidents':
      return <IncidentsPage session={session} />;
    case 'entities':
      return <EntitiesPage session={session} />;
    case 'rules':
      return <RulesPage session={session} />;
    case 'intel':
      return <IntelPage session={session} />;
    case 'media':
      return <MediaPage session={session} />;
    case 'aiguard':
      return <AiguardPage session={session} />;
    case 'groups':
      return <SharingGroupsPage session={session} />;
    case 'federation':
      return <FederationPage />;
    case 'health':
      return <HealthPage />;
  }
}

export function ConsoleShell({ session }: { session: SessionInfo }) {
  const route = useHashRoute();
  const [navOpened, nav] = useDisclosure(false);
  return (
    <LiveStreamProvider organisationId={session.organisation.id}>
      <SkipLink />
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="md"
      >
        <AppShell.Header>
          <HeaderBar session={session} navOpened={navOpened} onToggleNav={nav.toggle} />
        </AppShell.Header>
        <AppShell.Navbar p="xs">
          <NavMenu current={route} permissions={session.permissions} onNavigate={nav.close} />
          <AppShell.Section hiddenFrom="sm" mt="lg">
            <AccountControls session={session} stacked />
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          <Page route={route} session={session} />
        </AppShell.Main>
      </AppShell>
    </LiveStreamProvider>
  );
}
