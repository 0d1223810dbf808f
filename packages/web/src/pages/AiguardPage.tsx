// The AI gateway: live traffic with verdicts, the review queue, per-account risk, the block list,
// gateway keys and the upstream AI services. Tabs are addressed by #/aiguard/<tab> so reloads and
// links keep them. Prompts, reasons, subjects and model names are untrusted text, shown plain.
import { Stack, Tabs, Text, Title } from '@mantine/core';
import type { SessionInfo } from '@bulwark/contracts';
import { AccountsTab } from '../components/aiguard/AccountsTab.tsx';
import { BlocksTab } from '../components/aiguard/BlocksTab.tsx';
import { KeysTab } from '../components/aiguard/KeysTab.tsx';
import { ReviewQueue } from '../components/aiguard/ReviewQueue.tsx';
import { TrafficTab } from '../components/aiguard/TrafficTab.tsx';
import { UpstreamsTab } from '../components/aiguard/UpstreamsTab.tsx';
import { detailHref } from '../shell/routes.ts';
import { useHashDetail } from '../shell/useHashDetail.ts';

const TABS = [
  { value: 'traffic', label: 'Traffic' },
  { value: 'review', label: 'Review queue' },
  { value: 'accounts', label: 'Accounts' },
  { value: 'blocks', label: 'Block list' },
  { value: 'keys', label: 'Keys' },
  { value: 'upstreams', label: 'Upstreams' },
] as const;
type Tab = (typeof TABS)[number]['value'];

function aiguardTab(detail: string | undefined): Tab {
  return TABS.find((t) => t.value === detail)?.value ?? 'traffic';
}

export function AiguardPage({ session }: { session: SessionInfo }) {
  const [detail] = useHashDetail('aiguard');
  const tab = aiguardTab(detail);
  const canManage = session.permissions.includes('aiguard:manage');
  const canAdmin = session.instanceAdmin;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>AI gateway</Title>
        <Text size="sm" c="dimmed">Requests to the AI services behind the gateway, their verdicts and findings (mapped to MITRE ATLAS), per-account risk, and who is kept out.</Text>
        {!canManage && <Text size="sm" c="dimmed">Your role may watch the gateway but not decide reviews, block or issue keys.</Text>}
      </Stack>
      <Tabs value={tab} onChange={(t) => { if (t) window.location.hash = detailHref('aiguard', t); }} keepMounted={false}>
        <Tabs.List aria-label="AI gateway views">
          {TABS.map((t) => <Tabs.Tab key={t.value} value={t.value}>{t.label}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="traffic" pt="md"><TrafficTab canManage={canManage} /></Tabs.Panel>
        <Tabs.Panel value="review" pt="md"><ReviewQueue canManage={canManage} /></Tabs.Panel>
        <Tabs.Panel value="accounts" pt="md"><AccountsTab canManage={canManage} /></Tabs.Panel>
        <Tabs.Panel value="blocks" pt="md"><BlocksTab canManage={canManage} /></Tabs.Panel>
        <Tabs.Panel value="keys" pt="md"><KeysTab canManage={canManage} /></Tabs.Panel>
        <Tabs.Panel value="upstreams" pt="md"><UpstreamsTab canAdmin={canAdmin} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
