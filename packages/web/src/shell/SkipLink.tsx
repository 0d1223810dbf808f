// First focusable element: moves keyboard focus past the header and navigation to the page.
import type { MouseEvent } from 'react';

export const MAIN_ID = 'main-content';

export function SkipLink() {
  function skip(e: MouseEvent<HTMLAnchorElement>) {
    e.preventDefault(); // keep the hash route untouched
    const main = document.getElementById(MAIN_ID);
    main?.focus();
    main?.scrollIntoView();
  }
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={skip}>
      Skip to content
    </a>
  );
}
