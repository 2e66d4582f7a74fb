/**
 * One string key for an (agent id, id) pair, for in-memory maps. Both ids may hold any character (NUL and `:`
 * included), so a separator could be spelled by either side: agent `a` with id `b\0c` would be agent `a\0b` with id
 * `c`. The agent id goes length-prefixed instead, which no pair can forge.
 */
export function agentScopedKey(agentId: string, id: string): string {
  return `${agentId.length}:${agentId}${id}`;
}
