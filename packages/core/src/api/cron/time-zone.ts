/**
 * Go's `time.LoadLocation` as far as kubesim models it: schedules run in UTC only. `UTC`,
 * `Etc/UTC` (and the empty name, Go's UTC) load; an IANA name kubesim does not model is refused
 * with its own message (time-zone rules would tie the simulation to the host's tz database), and
 * an unknown name fails with Go's text.
 * @see go src/time/zoneinfo_read.go (LoadLocation)
 */

/** The zones kubesim evaluates schedules in (all of them UTC). */
export const SUPPORTED_TIME_ZONES: readonly string[] = ['UTC', 'Etc/UTC'];

/** Errors of `loadLocation`. */
export const TimeZoneMessages = {
  /** Go `errLocation`-style text of `LoadLocation` for a name with no zone file. */
  unknown: (name: string) => `unknown time zone ${name}`,
  /** kubesim's refusal of a real zone it does not model. */
  unsupported: (name: string) => `kubesim evaluates schedules in UTC only; time zone ${name} is not supported (use UTC or Etc/UTC)`,
} as const;

/** Whether the host's ICU knows the IANA zone `name` (static data; no clock is read). */
function isIanaZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `time.LoadLocation`: undefined when the zone loads (is UTC), else the error text. */
export function loadLocation(name: string): string | undefined {
  if (name === '' || name === 'Local' || SUPPORTED_TIME_ZONES.includes(name)) return undefined;
  return isIanaZone(name) ? TimeZoneMessages.unsupported(name) : TimeZoneMessages.unknown(name);
}
