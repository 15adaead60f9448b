import { useParams } from 'react-router';
import { ApiError } from './api';

/**
 * The id of a record in the address (/bao-cao/:id), or null when it cannot be one: "abc", 0, -1,
 * "1e3" or a number too large to be an id. The page then shows "not found" without asking the server.
 */
export function recordId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

/** The record id of the address parameter `name` (default `id`), or null. */
export function useRecordId(name = 'id'): number | null {
  return recordId(useParams()[name]);
}

/** The server answered that the record does not exist or is not visible to the reader. */
export function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404;
}
