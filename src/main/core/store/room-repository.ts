import type { Room } from '../../../shared/domain';
import type { Database } from './database';

interface RawRoom {
  id: string;
  name: string;
  member_ids: string;
  created_at: number;
}
const toRoom = (row: RawRoom): Room => ({ id: row.id, name: row.name, memberIds: JSON.parse(row.member_ids) as string[], createdAt: row.created_at });

/** Rooms: named groups of agents sharing one conversation (`room:<id>`). */
export class RoomRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly listStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare<[string, string, string, number]>('INSERT INTO rooms (id, name, member_ids, created_at) VALUES (?, ?, ?, ?)');
    this.getStmt = db.prepare<[string], RawRoom>('SELECT * FROM rooms WHERE id = ?');
    this.listStmt = db.prepare<[], RawRoom>('SELECT * FROM rooms ORDER BY created_at DESC LIMIT 500');
  }

  insert(room: Room): void {
    this.insertStmt.run(room.id, room.name, JSON.stringify(room.memberIds), room.createdAt);
  }

  get(id: string): Room | undefined {
    const row = this.getStmt.get(id);
    return row && toRoom(row);
  }

  list(): Room[] {
    return this.listStmt.all().map(toRoom);
  }
}
