/** Something that can be @mentioned: its id, and its name (mentioned without spaces, any case). */
export interface Mentionable {
  id: string;
  name: string;
}

const handle = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/**
 * Which members a room post @mentions. `@cmo-twin` (an id) and `@CMOTwin` or `@cmo_twin` (a name without spaces or
 * punctuation) both match; `@all` addresses everyone. Unknown mentions are ignored.
 */
export function mentionedMembers(text: string, members: Mentionable[]): Mentionable[] {
  const tokens = [...text.matchAll(/(?:^|[^\w@])@([\w-]+)/g)].map((m) => m[1]!.toLowerCase());
  if (tokens.length === 0) return [];
  if (tokens.includes('all')) return members;
  const wanted = new Set(tokens.map(handle));
  return members.filter((m) => wanted.has(handle(m.id)) || wanted.has(handle(m.name)));
}
