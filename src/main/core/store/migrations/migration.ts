/** One numbered step of the schema. `up` runs inside the migration transaction; never edit a released one. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}
