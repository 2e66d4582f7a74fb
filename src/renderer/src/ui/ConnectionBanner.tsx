import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { hostConnection } from '../lib/api';
import { useHostConnection } from '../lib/host-connection';

/**
 * Says when the console behind the page is gone, instead of letting the page show stale agents as online. While
 * the connection is lost the whole app is marked stale (greyed, link dots unknown) through a flag on <html>; the
 * banner itself lives outside the app root so it stays legible. An expired link gets a page of its own.
 */
export function ConnectionBanner() {
  const connection = useHostConnection(hostConnection);
  const now = useNow(connection.state === 'lost');

  useEffect(() => {
    const root = document.documentElement;
    if (connection.state === 'online' || connection.state === 'connecting') delete root.dataset.hostConnection;
    else root.dataset.hostConnection = connection.state;
  }, [connection.state]);

  if (connection.state === 'lost') {
    const seconds = Math.max(0, Math.ceil((connection.retryAt - now) / 1000));
    return createPortal(
      <div className="connection-banner" role="alert">
        <strong>Connection to Twin Console lost — reconnecting…</strong>
        <span className="connection-banner-detail">
          {seconds > 0 ? `Next try in ${seconds} s.` : 'Trying now.'} Agents’ states are unknown until it is back.
        </span>
        <button type="button" onClick={() => hostConnection.retryNow()}>
          Retry now
        </button>
      </div>,
      document.body,
    );
  }
  if (connection.state === 'expired') {
    return createPortal(
      <div className="link-expired" role="alert" aria-labelledby="link-expired-title">
        <div className="link-expired-card">
          <h1 id="link-expired-title">This Twin Console link has expired</h1>
          <p>Twin Console was given a new private link (started with --new-token, or on another data dir), or this page was opened without its link. Old links stop working when the link changes.</p>
          <p>
            To get a working link, look in the terminal where Twin Console runs for the line <code>Open this URL in a browser: http://127.0.0.1:…/?token=…</code> and
            open that URL. If Twin Console is not running, start it with <code>npm start</code>.
          </p>
        </div>
      </div>,
      document.body,
    );
  }
  return null;
}

/** A clock that ticks each second while `active`, for the countdown to the next try. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
