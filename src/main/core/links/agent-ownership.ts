import { directConversationId } from '../../../shared/domain';
import type { AgentCard } from '../../../shared/protocol';
import type { AgentRepository } from '../store/agent-repository';
import type { InboundEvent } from './link';
import { LINK_BOUNDS } from './link-bounds';

const DIRECT_PREFIX = directConversationId('');
const ROOM_PREFIX = 'room:';
const OWNER_CACHE_LIMIT = 10_000;

export interface AgentOwnershipDeps {
  agents: AgentRepository;
  /** Member ids of a room, or undefined if there is no such room. */
  roomMembers: (roomId: string) => readonly string[] | undefined;
  /** The agent a logged conversation belongs to, or undefined if it is not in the log yet. */
  conversationAgent: (conversationId: string) => string | undefined;
  /** Distinct agent ids one endpoint may announce in one run; default LINK_BOUNDS' (link-bounds.ts). */
  maxAgentsPerEndpoint?: number;
}

/** A card a hello announced for an agent id another endpoint owns. */
export interface TakenClaim {
  card: AgentCard;
  owner: string;
}

/**
 * Who may speak for which agent. An agent id belongs to the endpoint that first announced it: persisted as the
 * agent's endpoint for configured endpoints, and kept for this run for launch-flag ones (their rows have none). A
 * hello from another endpoint cannot take it over, and a frame may only speak for its own link's agents and in
 * their conversations: `direct:<its id>`, rooms it is a member of, and conversations it started.
 */
export class AgentOwnership {
  private readonly owners = new Map<string, string>();
  /** Conversation → its agent; conversations never change hands, so this is only ever filled. */
  private readonly conversationOwners = new Map<string, string>();
  /** Refused claims, by the claiming endpoint, until the operator reassigns or the endpoint goes. */
  private readonly refused = new Map<string, Map<string, string>>();
  /**
   * Agent ids each endpoint has announced this run. Bounded by maxAgentsPerEndpoint: without it a gateway could
   * announce a fresh set of ids on every reconnect, and each would become a row, a card and an owner entry.
   */
  private readonly rosters = new Map<string, Set<string>>();

  constructor(private readonly deps: AgentOwnershipDeps) {}

  /**
   * Splits a hello's cards into those this endpoint may announce (now owned by it), those another owns, and those
   * past the endpoint's roster bound (new ids once it has announced maxAgentsPerEndpoint this run): nothing is kept
   * of the last two.
   */
  claim(endpointId: string, cards: readonly AgentCard[]): { accepted: AgentCard[]; taken: TakenClaim[]; overLimit: AgentCard[] } {
    const accepted: AgentCard[] = [];
    const taken: TakenClaim[] = [];
    const overLimit: AgentCard[] = [];
    const refused = new Map<string, string>();
    const roster = this.rosterOf(endpointId);
    for (const card of cards) {
      const owner = this.ownerOf(card.id);
      if (owner !== undefined && owner !== endpointId) {
        taken.push({ card, owner });
        refused.set(card.id, owner);
      } else if (!roster.has(card.id) && roster.size >= (this.deps.maxAgentsPerEndpoint ?? LINK_BOUNDS.maxAgentsPerEndpoint)) {
        overLimit.push(card);
      } else {
        roster.add(card.id);
        this.owners.set(card.id, endpointId);
        accepted.push(card);
      }
    }
    if (refused.size > 0) this.refused.set(endpointId, refused);
    else this.refused.delete(endpointId);
    return { accepted, taken, overLimit };
  }

  ownerOf(agentId: string): string | undefined {
    return this.owners.get(agentId) ?? this.deps.agents.get(agentId)?.endpointId ?? undefined;
  }

  /** The operator gives the agent id to another endpoint (within its roster, whatever the bound: the operator's call). */
  reassign(agentId: string, endpointId: string): void {
    this.owners.set(agentId, endpointId);
    this.rosterOf(endpointId).add(agentId);
    this.refused.get(endpointId)?.delete(agentId);
  }

  /** Agent ids this endpoint announced that another endpoint owns. */
  refusedFor(endpointId: string): string[] {
    return [...(this.refused.get(endpointId)?.keys() ?? [])];
  }

  forgetEndpoint(endpointId: string): void {
    this.refused.delete(endpointId);
    this.rosters.delete(endpointId);
  }

  /**
   * Why `event`, resolved to `agentId` on the link of `endpointId`, may not be taken; null when it may. Checked for
   * every event: the agent must still belong to this link's endpoint, and a message or delta must speak as that
   * agent, in one of its conversations.
   */
  refusal(endpointId: string, agentId: string, event: InboundEvent): string | null {
    const owner = this.owners.get(agentId);
    if (owner !== undefined && owner !== endpointId) return `Agent "${agentId}" belongs to another endpoint.`;
    if (event.type !== 'message' && event.type !== 'delta') return null;
    if (event.type === 'message' && event.from !== agentId) {
      return `A message of agent "${agentId}" must come from it, not from "${event.from.slice(0, 200)}".`;
    }
    const conversation = event.conversation_id;
    if (conversation.startsWith(DIRECT_PREFIX)) {
      return conversation === directConversationId(agentId) ? null : `Conversation "${conversation}" is another agent's.`;
    }
    if (conversation.startsWith(ROOM_PREFIX)) {
      const members = this.deps.roomMembers(conversation.slice(ROOM_PREFIX.length));
      return members?.includes(agentId) ? null : `Agent "${agentId}" is not a member of room conversation "${conversation}".`;
    }
    const started = this.conversationAgent(conversation);
    if (started === undefined) {
      // A new conversation is the first speaker's, as the log will record it once this message is committed. Held
      // from now, so the frames before that commit cost no lookup each, and no other agent's frame slips in first.
      this.remember(conversation, agentId);
      return null;
    }
    return started === agentId ? null : `Conversation "${conversation}" is another agent's.`;
  }

  private rosterOf(endpointId: string): Set<string> {
    let roster = this.rosters.get(endpointId);
    if (!roster) this.rosters.set(endpointId, (roster = new Set()));
    return roster;
  }

  private conversationAgent(conversationId: string): string | undefined {
    const agentId = this.conversationOwners.get(conversationId);
    if (agentId !== undefined) return agentId;
    const logged = this.deps.conversationAgent(conversationId);
    if (logged !== undefined) this.remember(conversationId, logged);
    return logged;
  }

  private remember(conversationId: string, agentId: string): void {
    if (this.conversationOwners.size >= OWNER_CACHE_LIMIT) this.conversationOwners.clear();
    this.conversationOwners.set(conversationId, agentId);
  }
}
