// Switches between the light and dark colour schemes (remembered by Mantine in localStorage).
import { Button, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';

export function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const current = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const next = current === 'dark' ? 'light' : 'dark';
  return (
    <Button variant="default" size="xs" onClick={() => setColorScheme(next)} aria-label={`Use ${next} theme`}>
      {next === 'dark' ? 'Dark theme' : 'Light theme'}
    </Button>
  );
}
