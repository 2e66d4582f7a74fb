import { randomUUID } from 'node:crypto';
import type { ContractHandlers } from '../contract-dispatch';
import { CoreError } from '../core-error';
import type { Clock } from '../lib/clock';
import type { EventBus } from '../lib/event-bus';
import type { LinkConfig } from '../link-config';
import type { Logger } from '../logger';
import type { AgentRepository } from '../store/agent-repository';
import type { Database } from '../store/database';
import type { EndpointRepository } from '../store/endpoint-repository';
import type { MessageMarksRepository } from '../store/message-marks-repository';
import type { MessageRepository } from '../store/message-repository';
import { RoomRepository } from '../store/room-repository';
import type { A2aLimits } from './a2a/a2a-limits';
import { agentIdOf, DEFAULT_A2A_LABELS } from './a2a/a2a-card';
import { createA2aStore } from './a2a/a2a-store';
import { Fleet } from './fleet';
import { describeDialable, isDialable } from './link-factory';

export type LinksHandlers = Pick<
  ContractHandlers,
  'agents:list' | 'agents:retry' | 'agents:reassign' | 'endpoints:list' | 'endpoints:add' | 'endpoints:update' | 'endpoints:retry' | 'endpoints:remove'
>;

export interface LinksModuleDeps {
  db: Database;
  agents: AgentRepository;
  messages: MessageRepository;
  marks: MessageMarksRepository;
  endpoints: EndpointRepository;
  events: EventBus;
  logger: Logger;
  now: Clock;
  config: LinkConfig;
  /** Endpoints dialed for this run only (the demo fleet, --agent flags); not written to the log. */
  runtimeEndpoints: { url: string; token?: string }[];
  /** Bounds on what A2A agents may send (tests shrink them). */
  a2aLimits?: Partial<A2aLimits>;
}

/**
 * Agent links and the endpoints they dial: the fleet, and the contract handlers for agents and endpoints. Other
 * modules send through `trySend` and `sendControl`, and cancel through `cancel`; inbound alert, decision, metric
 * and ack frames leave on the bus as `link:inbound`.
 */
export function createLinksModule(deps: LinksModuleDeps) {
  const { endpoints: repo, events, now } = deps;
  const a2a = { store: createA2aStore(deps), ...(deps.a2aLimits ? { limits: deps.a2aLimits } : {}) };
  // An agent may speak in the rooms it is a member of (see agent-ownership.ts); rooms are read from the log.
  const rooms = new RoomRepository(deps.db);
  const fleet = new Fleet({ ...deps, link: deps.config, linkServices: { a2a }, roomMembers: (roomId) => rooms.get(roomId)?.memberIds });
  const isTaken = (url: string) => repo.findByUrl(url) !== undefined || fleet.hasEndpoint(`runtime:${url}`);
  // The contract admits every scheme some link kind may speak; only the kinds registered in link-factory.ts dial.
  const checkDialable = (url: string) => {
    if (!isDialable(url)) throw new CoreError('INVALID_REQUEST', describeDialable(url));
  };

  /**
   * New labels regroup the A2A agent in the roster at once, also while it is unreachable: its stored row changes now,
   * and the card the link announces on its next dial carries the same labels.
   */
  const relabel = (endpoint: { url: string; role?: string | null; department?: string | null }) => {
    if (!/^https?:/i.test(endpoint.url)) return;
    const agentId = agentIdOf(endpoint.url);
    if (!deps.agents.setLabels(agentId, endpoint.role || DEFAULT_A2A_LABELS.role, endpoint.department || DEFAULT_A2A_LABELS.department)) return;
    const agent = fleet.agent(agentId);
    if (agent) events.emit('agent:changed', agent);
  };

  const handlers: LinksHandlers = {
    'agents:list': () => fleet.agents(),
    'agents:retry': ({ agentId }) => {
      if (!fleet.retryAgent(agentId)) throw new CoreError('NOT_FOUND', `No link has carried agent ${agentId} in this run.`);
      const agent = fleet.agent(agentId);
      if (!agent) throw new CoreError('NOT_FOUND', `No agent with id ${agentId}.`);
      return agent;
    },
    'agents:reassign': ({ agentId, endpointId }) => {
      const endpoint = fleet.reassignAgent(agentId, endpointId);
      events.emit('rules:acted', { actions: [{ resolve: `rule:agent_id_taken:${agentId}` }], actor: 'operator' });
      return endpoint;
    },
    'endpoints:list': () => fleet.endpoints(),
    'endpoints:add': ({ url, token, name, kind, role, department }) => {
      checkDialable(url);
      if (isTaken(url)) throw new CoreError('CONFLICT', `${url} is already connected.`);
      const endpoint = { id: randomUUID(), url, token: token || null, createdAt: now(), name: name || null, kind: kind ?? null, ...labelsFor(url, role, department) };
      repo.insert(endpoint);
      fleet.addEndpoint({ ...endpoint, persisted: true });
      const added = fleet.endpoint(endpoint.id);
      if (!added) throw new CoreError('INTERNAL', 'The endpoint was stored but is not dialing.');
      return added;
    },
    'endpoints:update': ({ id, url, token, name, kind, role, department }) => {
      const current = repo.get(id);
      if (!current) {
        throw new CoreError(
          fleet.hasEndpoint(id) ? 'CONFLICT' : 'NOT_FOUND',
          fleet.hasEndpoint(id) ? 'This endpoint comes from a launch flag and cannot be edited here.' : `No endpoint with id ${id}.`,
        );
      }
      if (url !== undefined) checkDialable(url);
      if (url !== undefined && url !== current.url && isTaken(url)) throw new CoreError('CONFLICT', `${url} is already connected.`);
      const next = {
        ...current,
        ...(url === undefined ? {} : { url }),
        ...(token === undefined ? {} : { token: token || null }),
        ...(name === undefined ? {} : { name: name || null }),
        ...(kind === undefined ? {} : { kind }),
        ...(role === undefined ? {} : { role: role || null }),
        ...(department === undefined ? {} : { department: department || null }),
      };
      Object.assign(next, labelsFor(next.url, next.role, next.department));
      repo.update(next);
      if (role !== undefined || department !== undefined) relabel(next);
      fleet.replaceEndpoint({ ...next, persisted: true });
      const updated = fleet.endpoint(id);
      if (!updated) throw new CoreError('INTERNAL', 'The endpoint was updated but is not dialing.');
      return updated;
    },
    'endpoints:retry': ({ id }) => {
      const endpoint = fleet.retryEndpoint(id);
      if (!endpoint) throw new CoreError('NOT_FOUND', `No endpoint with id ${id}.`);
      return endpoint;
    },
    'endpoints:remove': ({ id }) => {
      const removedFromLog = repo.delete(id);
      const removedFromFleet = fleet.removeEndpoint(id);
      if (!removedFromLog && !removedFromFleet) throw new CoreError('NOT_FOUND', `No endpoint with id ${id}.`);
      events.emit('endpoint:removed', { id });
      return {};
    },
  };

  return {
    handlers,
    /** Dials the stored endpoints, then this run's (a runtime URL already stored is dialed once). */
    start(): void {
      for (const endpoint of repo.list()) {
        // Stored by a version that had a link kind this one lacks: kept in the log, not dialed.
        if (isDialable(endpoint.url)) fleet.addEndpoint({ ...endpoint, persisted: true });
        else deps.logger.warn(describeDialable(endpoint.url));
      }
      for (const { url, token } of deps.runtimeEndpoints) {
        if (repo.findByUrl(url)) continue;
        if (!isDialable(url)) {
          deps.logger.warn(describeDialable(url));
          continue;
        }
        fleet.addEndpoint({ id: `runtime:${url}`, url, token: token ?? null, persisted: false, createdAt: now() });
      }
    },
    trySend: fleet.trySend.bind(fleet),
    sendControl: fleet.sendControl.bind(fleet),
    cancel: fleet.cancel.bind(fleet),
    /** Operator requests still waiting for a reply. */
    get awaitingReplies(): number {
      return fleet.awaitingReplies;
    },
    /** Commits what is waiting, keeps partial streams, and closes every link. */
    close: () => fleet.close(),
  };
}

export type LinksModule = ReturnType<typeof createLinksModule>;

/**
 * Role and department are the operator's for A2A agents only, whose cards have none: a v1 agent announces its own
 * in hello, so labels on a ws:// endpoint (or one edited to ws://) would be shown nowhere and are not kept.
 */
function labelsFor(url: string, role: string | null | undefined, department: string | null | undefined): { role: string | null; department: string | null } {
  if (!/^https?:/i.test(url)) return { role: null, department: null };
  return { role: role || null, department: department || null };
}
