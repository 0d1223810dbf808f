// Where a user message carries a document for the model to work on (an e-mail, a web page, code, a
// retrieved passage): instructions found there are indirect prompt injection (ATLAS AML.T0051.001), and
// text that speaks to the model from inside a document is suspicious in itself.

const MARKER = /(?:^|\n)[ \t]*(?:#{1,4}[ \t]*)?(?:e-?mail|document|doc|code|article|text|context|web ?page|page|content|passage|review|message|transcript|file|resume|cv|paper|report|excerpt|source|snippet|retrieved (?:content|text|documents?)|search results?|tool (?:output|result)|attachment|post|comment)[ \t]*:|\b(?:this|the following|the attached|below) (?:e-?mail|document|code|article|text|web ?page|page|passage|review|message|transcript|file|resume|paper|report|excerpt|snippet|post|comment)s?[ \t]*:|<(?:document|doc|context|email|code|webpage|content|article|search_results?|retrieved)\b[^>\n]{0,80}>|\bhere (?:is|are) (?:an?|the|some) [^\n:]{0,60}:|```/g;
const QUESTION = /\n[ \t]*(?:question|task|my question|instruction)s?[ \t]*:/g;
const MAX_REGIONS = 8;

/** Regions [start, end) of the normalised text that hold a quoted document. */
export function documentRegions(norm: string): Array<[number, number]> {
  MARKER.lastIndex = 0;
  const m = MARKER.exec(norm);
  if (m === null) return [];
  const start = m.index + m[0].length;
  // The document runs to the user's trailing question, if there is one after it, else to the end.
  let end = norm.length;
  QUESTION.lastIndex = start;
  let q: RegExpExecArray | null;
  let last = -1;
  let count = 0;
  while ((q = QUESTION.exec(norm)) !== null && count++ < 64) last = q.index;
  if (last > start) end = last;
  const regions: Array<[number, number]> = [];
  if (end > start) regions.push([start, end]);
  return regions.slice(0, MAX_REGIONS);
}

export function inRegions(regions: ReadonlyArray<readonly [number, number]>, start: number, end: number): boolean {
  for (const [a, b] of regions) if (start >= a && end <= b) return true;
  return false;
}
