// Untrusted text that may be a URL: a link (new tab, no opener, no referrer) only for absolute http(s)
// URLs, plain text otherwise.
import { Anchor, Text } from '@mantine/core';
import { safeHttpUrl } from '../../format/media.ts';

export function SafeLink({ text, size = 'sm' }: { text: string; size?: string }) {
  const href = safeHttpUrl(text);
  if (!href) return <Text size={size} span style={{ overflowWrap: 'anywhere' }}>{text}</Text>;
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size={size} style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Anchor>
  );
}
