// useState whose value survives switching pages (kept in memory for this tab, dropped at sign-out),
// so an analyst can go from search results to the live view and back without losing the form.
import { useCallback, useState, type SetStateAction } from 'react';

const saved = new Map<string, unknown>();

export function clearPageState(): void {
  saved.clear();
}

export function usePageState<T>(key: string, initial: T): [T, (next: SetStateAction<T>) => void] {
  const [value, setValue] = useState<T>(() => (saved.has(key) ? (saved.get(key) as T) : initial));
  const set = useCallback(
    (next: SetStateAction<T>) =>
      setValue((prev) => {
        const v = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        saved.set(key, v);
        return v;
      }),
    [key],
  );
  return [value, set];
}
