import { useState } from 'react';
import { hostKind } from '../../lib/api';

/** Browsers ask the user before a page may notify; the request must come from a click. Electron needs none. */
export function EnableNotificationsButton() {
  const [permission, setPermission] = useState(() => ('Notification' in window ? Notification.permission : 'denied'));
  if (hostKind !== 'browser' || permission !== 'default') return null;
  return (
    <button type="button" className="enable-notifications" onClick={() => void Notification.requestPermission().then(setPermission)}>
      Enable desktop notifications
    </button>
  );
}
