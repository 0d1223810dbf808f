// Primary navigation: one link per page the session may open, the current one marked with aria-current.
import { NavLink } from '@mantine/core';
import { ROUTES, hrefFor, routeAllowed, type RouteId } from './routes.ts';

interface Props {
  readonly current: RouteId;
  readonly permissions: readonly string[];
  readonly onNavigate: () => void;
}

export function NavMenu({ current, permissions, onNavigate }: Props) {
  return (
    <nav aria-label="Main">
      {ROUTES.filter((r) => routeAllowed(r.id, permissions)).map((r) => (
        <NavLink
          key={r.id}
          component="a"
          href={hrefFor(r.id)}
          label={r.label}
          active={r.id === current}
          variant="filled"
          aria-current={r.id === current ? 'page' : undefined}
          onClick={onNavigate}
        />
      ))}
    </nav>
  );
}
