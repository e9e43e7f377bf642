import { HubError } from './errors.js';

/**
 * Refuses a download whose sha256 is not the one the hub announced (`announcedSha256`); the
 * caller has discarded it (nothing half-verified is kept).
 */
export function checkSha256(actual: string, announced: string | null, file: string): void {
  if (announced && actual !== announced) {
    throw new HubError(
      'HUB_CHECKSUM_MISMATCH',
      `sha256 ${actual} differs from the ${announced} the hub announced; the download was discarded`,
      file,
    );
  }
}
