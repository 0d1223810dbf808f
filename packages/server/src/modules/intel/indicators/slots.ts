// Compact multimaps from a key to indicator slots: a lone slot is stored as a number, several as an
// array, so the common case (one indicator per value) costs no array.

export type Slots = number | number[];

export function addSlot<K>(map: Map<K, Slots>, key: K, slot: number): void {
  const cur = map.get(key);
  if (cur === undefined) map.set(key, slot);
  else if (typeof cur === 'number') {
    if (cur !== slot) map.set(key, [cur, slot]);
  } else if (!cur.includes(slot)) cur.push(slot);
}

/** Removes one slot; returns true when the key has no slot left. */
export function removeSlot<K>(map: Map<K, Slots>, key: K, slot: number): boolean {
  const cur = map.get(key);
  if (cur === undefined) return true;
  if (typeof cur === 'number') {
    if (cur === slot) map.delete(key);
  } else {
    const i = cur.indexOf(slot);
    if (i >= 0) cur.splice(i, 1);
    if (cur.length === 1) map.set(key, cur[0] as number);
    else if (cur.length === 0) map.delete(key);
  }
  return !map.has(key);
}

export function forEachSlot(slots: Slots | undefined, visit: (slot: number) => void): void {
  if (slots === undefined) return;
  if (typeof slots === 'number') visit(slots);
  else for (const s of slots) visit(s);
}
