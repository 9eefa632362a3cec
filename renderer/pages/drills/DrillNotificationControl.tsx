// On the drills page: whether desktop notifications for drills due or
// overdue are on, in words, and the button that asks for them (a browser
// asks only from a click).
import { useState } from 'react';
import { notificationState, tellDueDrills } from '../../app/useDrillNotifications';

export function DrillNotificationControl() {
  const [state, setState] = useState(notificationState());
  const turnOn = async () => {
    await Notification.requestPermission();
    setState(notificationState());
    if (notificationState() === 'on') await tellDueDrills();
  };
  return (
    <p data-testid="drill-notifications" data-state={state}>
      Desktop notifications when a drill is due, overdue or within a day: {state === 'on' && <span className="ok">✓ on</span>}
      {state === 'blocked' && <span className="warning">blocked — allow notifications for OpsDeck in the system&apos;s (or the browser&apos;s) settings</span>}
      {state === 'unsupported' && <span className="muted">not available here</span>}
      {state === 'off' && (
        <button type="button" onClick={() => void turnOn()}>
          Turn on
        </button>
      )}
    </p>
  );
}
