// Organisation switch: the session's memberships; switching re-scopes every query.
import { NativeSelect } from '@mantine/core';
import type { SessionInfo } from '@bulwark/contracts';
import { useSwitchOrganisation } from '../api/useSession.ts';
import { errorText } from '../api/problem.ts';

export function OrgSwitch({ session }: { session: SessionInfo }) {
  const switchOrg = useSwitchOrganisation();
  const data = session.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.role})` }));
  return (
    <NativeSelect
      aria-label="Organisation"
      size="xs"
      data={data}
      value={session.organisation.id}
      disabled={switchOrg.isPending}
      error={switchOrg.error ? errorText(switchOrg.error) : undefined}
      onChange={(e) => {
        const id = e.currentTarget.value;
        if (id && id !== session.organisation.id) switchOrg.mutate({ organisationId: id });
      }}
    />
  );
}
