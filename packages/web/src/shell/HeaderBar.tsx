// Top bar: menu toggle (narrow screens), product name, organisation, user, API docs, theme, logout.
import { Anchor, Burger, Button, Group, Text, Title } from '@mantine/core';
import { API, type SessionInfo } from '@bulwark/contracts';
import { useLogout } from '../api/useSession.ts';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';
import { OrgSwitch } from './OrgSwitch.tsx';

interface Props {
  readonly session: SessionInfo;
  readonly navOpened: boolean;
  readonly onToggleNav: () => void;
}

export function HeaderBar({ session, navOpened, onToggleNav }: Props) {
  const logout = useLogout();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
          aria-expanded={navOpened}
        />
        <Title order={1} size="h4">
          Bulwark
        </Title>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <OrgSwitch session={session} />
        <Text size="sm" visibleFrom="md" title={session.user.email} data-testid="current-user">
          {session.user.displayName || session.user.email}
        </Text>
        <Anchor href={API.docs} target="_blank" rel="noopener noreferrer" size="sm" visibleFrom="sm">
          API docs
        </Anchor>
        <ColorSchemeToggle />
        <Button size="xs" variant="default" onClick={() => logout.mutate()} loading={logout.isPending}>
          Log out
        </Button>
      </Group>
    </Group>
  );
}
