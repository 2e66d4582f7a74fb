import { useEffect, useRef } from 'react';
import type { BulkSelection } from './use-bulk-selection';

/** "Select all" for a list: mixed (indeterminate) while only some are checked. */
export function SelectAllBox({ selection, count, noun }: { selection: BulkSelection; count: number; noun: string }) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = selection.some && !selection.all;
  }, [selection.some, selection.all]);
  return (
    <label className="select-all">
      <input
        ref={box}
        type="checkbox"
        aria-label={`Select all ${count} ${noun}`}
        disabled={count === 0}
        checked={selection.all}
        onChange={() => selection.setAll(!selection.all)}
      />
      <span aria-hidden="true">All</span>
    </label>
  );
}
