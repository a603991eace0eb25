/**
 * The keys other systems present instead of a session (Open311 partners, departments reading the open
 * data): random, shown once when issued, stored only as their SHA-256, told apart in lists by their
 * first characters.
 */
import { createHash, randomBytes } from 'node:crypto';

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest();
export const newApiKey = () => `ga_${randomBytes(24).toString('base64url')}`;
export const API_KEY_PREFIX_LENGTH = 8;
/** A presented key outside these lengths is no key of ours: it is not even hashed. */
export const isPlausibleApiKey = (key: string) => key.length >= 8 && key.length <= 200;
