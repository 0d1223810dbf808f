// One intelligence object as a drawer over the intelligence page, opened by #/intel/<id>.
import { Drawer } from '@mantine/core';
import { IntelObjectView } from './IntelObjectView.tsx';

export function IntelObjectDrawer({ id, onClose, canWrite = false }: { id: string | undefined; onClose: () => void; canWrite?: boolean }) {
  return (
    <Drawer opened={id !== undefined} onClose={onClose} position="right" size="xl" title="Intelligence object"
      closeButtonProps={{ 'aria-label': 'Close object detail' }}>
      {id !== undefined && <IntelObjectView id={id} canWrite={canWrite} />}
    </Drawer>
  );
}
