// The rule detail as a drawer over the rules page, opened by #/rules/<key>.
import { Drawer } from '@mantine/core';
import { RuleDetailView } from './RuleDetailView.tsx';

interface Props {
  readonly ruleKey: string | undefined;
  readonly canWrite: boolean;
  readonly onClose: () => void;
}

export function RuleDrawer({ ruleKey, canWrite, onClose }: Props) {
  return (
    <Drawer opened={ruleKey !== undefined} onClose={onClose} position="right" size="xl" title="Detection rule"
      closeButtonProps={{ 'aria-label': 'Close rule detail' }}>
      {ruleKey !== undefined && <RuleDetailView ruleKey={ruleKey} canWrite={canWrite} />}
    </Drawer>
  );
}
