import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { HistorySource, SearchFilters, SearchHit } from '@shared/history';
import { api } from '../../lib/api';

export interface SearchState {
  hits: SearchHit[];
  searching: boolean;
  error: ApiError | null;
  /** Whether older hits exist beyond those shown. */
  hasMore: boolean;
  searched: boolean;
  run(query: string, filters: SearchFilters, source: HistorySource): void;
  more(): void;
}

/** Search newest first, 50 hits a page; a newer search makes a slower, older answer irrelevant. */
export function useSearch(onFirstPage?: (hits: SearchHit[]) => void): SearchState {
  const firstPage = useRef(onFirstPage);
  firstPage.current = onFirstPage;
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [searched, setSearched] = useState(false);
  const last = useRef<{ seq: number; query: string; filters: SearchFilters; source: HistorySource }>({
    seq: 0,
    query: '',
    filters: {},
    source: 'live',
  });

  const fetch = useCallback((append: boolean, before?: number) => {
    const request = last.current;
    const seq = request.seq;
    setSearching(true);
    void api.search
      .query({ query: request.query, filters: request.filters, source: request.source, before, limit: 50 })
      .then((result) => {
        if (last.current.seq !== seq) return;
        setSearching(false);
        setSearched(true);
        if (!result.ok) {
          setError(result.error);
          if (!append) setHits([]);
          setNextBefore(null);
          return;
        }
        setError(null);
        setHits((current) => (append ? [...current, ...result.value.hits] : result.value.hits));
        if (!append) firstPage.current?.(result.value.hits);
        setNextBefore(result.value.nextBefore);
      });
  }, []);

  const run = useCallback(
    (query: string, filters: SearchFilters, source: HistorySource) => {
      last.current = { seq: last.current.seq + 1, query, filters, source };
      fetch(false);
    },
    [fetch],
  );

  const more = useCallback(() => {
    if (nextBefore !== null) fetch(true, nextBefore);
  }, [fetch, nextBefore]);

  return { hits, searching, error, hasMore: nextBefore !== null, searched, run, more };
}
