import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { type EventChannel, eventContract, type InvokeChannel, invokeContract } from '../../shared/contract';
import { CallBudget, type CallBudgetLimits, type Core, DEFAULT_CALL_BUDGET } from '../core';

/** Decides whether an IPC call comes from our own page (and not, say, a frame that navigated elsewhere). */
export type SenderCheck = (frameUrl: string | undefined) => boolean;

/**
 * Binds every invoke channel of the contract to ipcMain. The sender is checked first, then the core's dispatch
 * parses the payload with the contract's schema: a foreign frame or a malformed request gets a typed error, never
 * a thrown exception.
 */
export function bindContractToIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Pick<Core, 'invoke'>,
  isTrustedSender: SenderCheck,
  callBudget: CallBudgetLimits = DEFAULT_CALL_BUDGET,
): () => void {
  const channels = Object.keys(invokeContract) as InvokeChannel[];
  // One budget of event-loop time per window (see core/lib/call-budget.ts), forgotten with the window.
  const budgets = new Map<number, CallBudget>();
  const budgetOf = (sender: WebContents | undefined): CallBudget => {
    const id = sender?.id ?? -1;
    let budget = budgets.get(id);
    if (!budget) {
      budget = new CallBudget(callBudget);
      budgets.set(id, budget);
      sender?.once('destroyed', () => budgets.delete(id));
    }
    return budget;
  };
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, request: unknown) => {
      const frameUrl = event.senderFrame?.url;
      if (!isTrustedSender(frameUrl)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN_SENDER', message: `IPC from ${frameUrl ?? 'an unknown frame'} is not allowed.` },
        };
      }
      // Typed as always present; a fake event in the wiring tests has none, and one budget then stands for all.
      return budgetOf(event.sender as WebContents | undefined).run(() => core.invoke(channel, request));
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Pushes every contract event to one window until it is destroyed; then forgets it. */
export function forwardEventsTo(webContents: WebContents, core: Pick<Core, 'on'>): void {
  const unsubscribes = (Object.keys(eventContract) as EventChannel[]).map((event) =>
    core.on(event, (payload) => {
      if (!webContents.isDestroyed()) webContents.send(event, payload);
    }),
  );
  webContents.once('destroyed', () => unsubscribes.forEach((off) => off()));
}
