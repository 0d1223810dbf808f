// Untrusted structured data as preformatted text: a React text node, never markup or links.
import { prettyJson } from '../format/event.ts';

export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="inert-pre" aria-label={label} tabIndex={0}>
      {prettyJson(value)}
    </pre>
  );
}
