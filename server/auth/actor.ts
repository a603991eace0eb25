/**
 * The authenticated caller of a request, as the server knows it: loaded from the session cookie's row,
 * never from anything the client says about itself. Every service that decides on access receives it.
 */
import type { DataLayer, JurisdictionLevel, Role } from './roles';

export interface Jurisdiction {
  level: JurisdictionLevel;
  id: number;
  /** The area's code: 6 digits for the city and districts, 9 for streets. Codes nest (GB/T 2260). */
  code: string;
  name: string;
}

export interface Grant {
  role: Role;
  jurisdiction: Jurisdiction;
  /** A grid worker grant: the worker record and the grid codes it holds at the request's moment. */
  workerId: number | null;
  gridCodes: string[];
  /** A department reader grant: the data layers it may read. */
  layers: DataLayer[] | null;
}

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  grants: Grant[];
  sessionId: number;
  /** Set after an administrator's reset: nothing but changing the password is allowed. */
  mustChangePassword: boolean;
}
