import type { Message } from '../../../shared/domain';

/**
 * `data` key that marks a log entry the console wrote about an agent's alert or decision (not a wire message).
 * Written by the timeline module, read by the attention policy (which must not notify twice for one alert).
 */
export const TIMELINE_NOTE_KEY = 'console_note';
export type TimelineNoteKind = 'alert' | 'decision';

export function timelineNoteKind(message: Pick<Message, 'data'>): TimelineNoteKind | null {
  const kind = message.data?.[TIMELINE_NOTE_KEY];
  return kind === 'alert' || kind === 'decision' ? kind : null;
}
