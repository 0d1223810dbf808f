// Primary navigation: one link per page, the current one marked with aria-current.
import { NavLink } from '@mantine/core';
import { ROUTES, hrefFor, type RouteId } from './routes.ts';

export function NavMenu({ current, onNavigate }: { current: RouteId; onNavigate: () => void }) {
  return (
    <nav aria-label="Main">
      {ROUTES.map((r) => (
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
