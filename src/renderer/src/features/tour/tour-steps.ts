import type { View } from '../navigation/navigation';

export interface TourStep {
  title: string;
  body: string;
  /** The view the step shows while it explains it. */
  view: View;
}

/** The first-run tour: the five places an operator lives in, in the order a working day uses them. */
export const TOUR_STEPS: readonly TourStep[] = [
  {
    title: 'Home: what needs you',
    body: 'Decisions waiting (with the time left), firing alerts, agents that are down and unread conversations. Click any row to open it.',
    view: 'home',
  },
  {
    title: 'A conversation',
    body: 'Pick an agent in the roster on the left to chat with it. Enter sends, Shift+Enter adds a line, and @ mentions an agent by name.',
    view: 'chat',
  },
  {
    title: 'Needs you',
    body: 'Agents propose actions here and wait for you. Approve or reject with a comment; high-risk ones ask you to confirm. Alt+D jumps to the next one.',
    view: 'decisions',
  },
  {
    title: 'Alerts',
    body: 'Firing alerts, worst first. Acknowledge, silence or resolve with the buttons, or with j, k, a, s and r from the keyboard.',
    view: 'alerts',
  },
  {
    title: 'The command palette',
    body: 'Press Ctrl K (Cmd K on a Mac) for every view, agent, alert, decision and action. "Show the tour" in it brings this tour back.',
    view: 'home',
  },
];
