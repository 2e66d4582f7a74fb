import type { Core } from '../core';

/** The slice of Electron's Notification this needs, so the policy is testable with a fake. */
export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}
export type NotificationFactory = (options: { title: string; body: string }) => NotificationLike;

/**
 * Raises a native notification for each new agent message while the window is not focused. This is the minimum;
 * the alert-aware policy (levels, quiet hours, coalescing) replaces it with [Alerts].
 */
export function notifyOnAgentMessages(
  core: Pick<Core, 'on' | 'api'>,
  createNotification: NotificationFactory,
  isWindowFocused: () => boolean,
  focusWindow: () => void,
  /** Told after each notification, e.g. to count unread messages on the badge. */
  onNotified: () => void = () => {},
): () => void {
  const agentNames = new Map<string, string>();
  const offAgents = core.on('agent:changed', (agent) => agentNames.set(agent.id, agent.name));
  void core.api.agents.list().then((result) => {
    if (result.ok) for (const agent of result.value) agentNames.set(agent.id, agent.name);
  });
  const offMessages = core.on('message:changed', (message) => {
    if (message.direction !== 'in' || isWindowFocused()) return;
    const notification = createNotification({
      title: agentNames.get(message.agentId) ?? message.agentId,
      body: (message.text ?? `New ${message.intent} message`).slice(0, 200),
    });
    notification.on('click', focusWindow);
    notification.show();
    onNotified();
  });
  return () => {
    offAgents();
    offMessages();
  };
}
