import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/event-bus';
import type { LinkConfig } from '../link-config';
import type { Logger } from '../logger';
import type { AgentRepository } from '../store/agent-repository';
import type { Database } from '../store/database';
import type { MessageMarksRepository } from '../store/message-marks-repository';
import type { MessageRepository } from '../store/message-repository';
import type { LinkServices } from './link-factory';

/** What the fleet and its collaborators are built from: the log's repositories, the bus, the clock, the config. */
export interface FleetDeps {
  db: Database;
  agents: AgentRepository;
  messages: MessageRepository;
  marks: MessageMarksRepository;
  events: EventBus;
  logger: Logger;
  now: Clock;
  link: LinkConfig;
  /** Given to the links of kinds that need more than the context (A2A's task store). */
  linkServices?: LinkServices;
  /** Member ids of a room (undefined: no such room), to let an agent speak in the rooms it is in. */
  roomMembers?: (roomId: string) => readonly string[] | undefined;
}
