/**
 * FN13: whether a processor that may write keys matching an IAM key pattern can write a key that
 * a notification filter (prefix and suffix) matches, i.e. trigger itself. Used by the construct
 * (a synth error) and the nag rule alike.
 *
 * Exact, not a heuristic: the pattern (IAM: `*` any run of characters, `/` included; `?` one
 * character), "starts with the prefix" and "ends with the suffix" are three small automata; a key
 * matching all three exists if and only if their product reaches a state where all three accept.
 * The alphabet is the characters the three name plus one character none of them names.
 */
export interface KeyFilter {
  readonly prefix?: string;
  readonly suffix?: string;
}

/** Whether some object key matches both the IAM key `pattern` and the notification `filter`. */
export function keyPatternOverlapsFilter(pattern: string, filter: KeyFilter): boolean {
  const prefix = filter.prefix ?? '';
  const suffix = filter.suffix ?? '';
  const alphabet = alphabetOf(pattern + prefix + suffix);
  const glob = new GlobAutomaton(pattern);
  const seen = new Set<string>();
  const queue: Array<[number, number, number]> = glob.closure([0]).map((state) => [state, 0, 0]);
  while (queue.length > 0) {
    const [g, p, s] = queue.shift()!;
    const key = `${g},${p},${s}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (glob.accepts(g) && p === prefix.length && s === suffix.length) return true;
    for (const char of alphabet) {
      const nextPrefix = p === prefix.length ? p : prefix[p] === char ? p + 1 : -1;
      if (nextPrefix < 0) continue;
      const nextSuffix = suffixState(suffix, s, char);
      for (const nextGlob of glob.step(g, char)) queue.push([nextGlob, nextPrefix, nextSuffix]);
    }
  }
  return false;
}

function alphabetOf(text: string): string[] {
  const chars = new Set(text.replace(/[*?]/g, ''));
  // One character that none of the three names (stands for every other character).
  let other = 0xe000;
  while (chars.has(String.fromCharCode(other))) other++;
  return [...chars, String.fromCharCode(other)];
}

/** The longest prefix of `suffix` that ends the input, after `matched` characters of it and `char`. */
function suffixState(suffix: string, matched: number, char: string): number {
  const text = suffix.slice(0, Math.min(matched, suffix.length)) + char;
  for (let length = Math.min(text.length, suffix.length); length > 0; length--) {
    if (text.endsWith(suffix.slice(0, length))) return length;
  }
  return 0;
}

/** An IAM pattern as an automaton: state i = the first i tokens of the pattern are matched. */
class GlobAutomaton {
  private readonly tokens: string[];

  constructor(pattern: string) {
    this.tokens = [...pattern];
  }

  public accepts(state: number): boolean {
    return state === this.tokens.length;
  }

  /** The states reachable without reading a character (a `*` may match nothing). */
  public closure(states: number[]): number[] {
    const result = new Set<number>();
    for (let state of states) {
      result.add(state);
      while (this.tokens[state] === '*') result.add(++state);
    }
    return [...result];
  }

  public step(state: number, char: string): number[] {
    const token = this.tokens[state];
    if (token === undefined) return [];
    if (token === '*') return this.closure([state]);
    if (token === '?' || token === char) return this.closure([state + 1]);
    return [];
  }
}
