/**
 * Go's `time.LoadLocation` over the host's ICU time-zone data: `""`, `UTC` and `Local` (the
 * controller manager's local zone, UTC) are UTC without any lookup; any other IANA name the host's
 * ICU knows loads as a `Location` whose offsets come from ICU (`zone-lookup.ts`). Names Go would
 * not find fail with Go's texts.
 * @see go src/time/zoneinfo.go (LoadLocation, containsDotDot, errLocation),
 *   src/time/zoneinfo_read.go (loadLocation: "unknown time zone")
 */
import { ZoneLookup } from './zone-lookup.js';

/** A time zone: the offset from UTC in force at each instant (Go `*time.Location`). */
export interface Location {
  /** The name it was loaded by (`UTC` for the UTC location). */
  readonly name: string;
  /** True for UTC and its aliases `Etc/UTC`, `""`, `Local`: wall clock = UTC, no lookup. */
  readonly isUTC: boolean;
  /** Seconds east of UTC in force at `epochMs` (negative west of Greenwich). */
  offsetSeconds(epochMs: number): number;
}

/** Go `time.UTC`. */
export const UTC: Location = Object.freeze({ name: 'UTC', isUTC: true, offsetSeconds: () => 0 });

/** Errors of `LoadLocation`, as Go spells them. */
export const TimeZoneMessages = {
  /** `loadLocation` (zoneinfo_read.go) when no zone source has the name. */
  unknown: (name: string) => `unknown time zone ${name}`,
  /** `errLocation`: a name with `..` or a leading slash. */
  invalidName: 'time: invalid location name',
} as const;

/** Names `LoadLocation` maps to UTC without reading the tz database (zoneinfo.go; `Local` is UTC in kube-controller-manager). */
const UTC_NAMES: ReadonlySet<string> = new Set(['', 'UTC', 'Local', 'Etc/UTC']);

/**
 * IDs the host's ICU accepts that are not in the IANA tz database, so Go's zoneinfo does not have
 * them: ICU's JDK-compatibility three-letter IDs and the links IANA removed (tzdata 2017c, 2020b).
 * @see icu4c source/data/misc/zoneinfo64.txt ("Names"), tz NEWS
 */
const ICU_ONLY_NAMES: ReadonlySet<string> = new Set([
  'ACT', 'AET', 'AGT', 'ART', 'AST', 'BET', 'BST', 'CAT', 'CNT', 'CST', 'CTT', 'EAT', 'ECT',
  'IET', 'IST', 'JST', 'MIT', 'NET', 'NST', 'PLT', 'PNT', 'PRT', 'PST', 'SST', 'VST',
  'Canada/East-Saskatchewan', 'US/Pacific-New',
]);

/** A zone whose offsets come from ICU. */
class IntlLocation implements Location {
  readonly isUTC = false;

  constructor(
    readonly name: string,
    private readonly zone: ZoneLookup,
  ) {}

  offsetSeconds(epochMs: number): number {
    return this.zone.offsetSeconds(epochMs);
  }
}

/** The zone of an IANA name, or undefined when ICU does not know it. */
function icuZone(name: string): ZoneLookup | undefined {
  try {
    return new ZoneLookup(name);
  } catch {
    return undefined;
  }
}

/**
 * Whether Go's zoneinfo would find `name` where ICU found `resolved`: zone files are looked up
 * case-sensitively, ICU ignores case. A name equal to ICU's ID but for case is refused; a link
 * ICU canonicalises to another ID (`US/Eastern`) cannot be checked and is taken.
 */
function isGoSpelling(name: string, resolved: string): boolean {
  return name === resolved || name.toLowerCase() !== resolved.toLowerCase();
}

/** Loaded locations (and load errors) by name: formatters are built once per zone. */
const loaded = new Map<string, Location | string>();
/** Names remembered before `loaded` is emptied (fuzzed specs can name many zones). */
const LOADED_LIMIT = 1024;

function load(name: string): Location | string {
  if (UTC_NAMES.has(name)) return UTC;
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return TimeZoneMessages.invalidName;
  // ICU also takes UTC offsets ("+05:30") and its own legacy IDs as zones; tzdb has neither.
  if (name.startsWith('+') || name.startsWith('-') || ICU_ONLY_NAMES.has(name) || name.startsWith('SystemV/')) {
    return TimeZoneMessages.unknown(name);
  }
  const zone = icuZone(name);
  if (zone === undefined || !isGoSpelling(name, zone.resolvedName)) return TimeZoneMessages.unknown(name);
  return new IntlLocation(name, zone);
}

/**
 * `time.LoadLocation(name)`: the location, or Go's error text (`unknown time zone X`,
 * `time: invalid location name`).
 * @remarks `""`, `UTC`, `Etc/UTC` and `Local` are `UTC` (no ICU lookup). The zone rules are the
 * host's ICU data (Node's `process.versions.tz`), not the tzdata of a Go build.
 */
export function resolveLocation(name: string): Location | string {
  let location = loaded.get(name);
  if (location === undefined) {
    location = load(name);
    if (loaded.size >= LOADED_LIMIT) loaded.clear();
    loaded.set(name, location);
  }
  return location;
}

/** `time.LoadLocation`'s error text for `name`, or undefined when the zone loads. */
export function loadLocation(name: string): string | undefined {
  const location = resolveLocation(name);
  return typeof location === 'string' ? location : undefined;
}
