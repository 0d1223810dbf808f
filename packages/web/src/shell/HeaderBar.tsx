// Top bar: menu toggle (narrow screens), product name, account controls (wide screens), logout.
import { Box, Burger, Button, Group, Title } from '@mantine/core';
import type { SessionInfo } from '@bulwark/contracts';
import { useLogout } from '../api/useSession.ts';
import { AccountControls } from './AccountControls.tsx';

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
        <Box visibleFrom="sm">
          <AccountControls session={session} stacked={false} />
        </Box>
        <Button size="xs" variant="default" onClick={() => logout.mutate()} loading={logout.isPending}>
          Log out
        </Button>
      </Group>
    </Group>
  );
}
