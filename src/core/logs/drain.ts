// Online Drain-class template miner (He et al., ICWS 2017): a fixed-depth prefix tree keyed by token count and the
// first tokens routes each message to a few candidate clusters, then token similarity picks one or opens a new one.
// Tokens are compared by masked-form hash (see tokenize.ts), so matching allocates nothing.
import { Tokenizer, TokenKind, WILDCARD_HASH, WILDCARD_TEXT } from './tokenize';

export interface MinerOptions {
  /**
   * Prefix tokens used to route a message (Drain's depth minus two). One: the first word (usually the verb or the
   * component) separates templates; a variable word later (a user name) does not split them.
   */
  prefixDepth?: number;
  /** Share of positions where message and template agree (a variable matches a wildcard) to join a cluster. */
  similarity?: number;
  /** Children per tree node before new tokens go to the wildcard branch. */
  maxChildren?: number;
  /**
   * A template position that kept one value over this many messages is taken for a constant: a message that differs
   * there starts a new template instead of turning it into a wildcard.
   */
  stableAfter?: number;
}

/** One cluster: its current template (hashes + text) and how many messages it holds. */
export interface Cluster {
  id: number;
  hashes: Float64Array;
  tokens: string[];
  /** Token kind per position (TokenKind). */
  kinds: Uint8Array;
  size: number;
  /** Template positions that are wildcards. */
  params: number;
}

interface Node {
  children: Map<number, Node> | undefined;
  wildcard: Node | undefined;
  clusters: Cluster[] | undefined;
  /** Bumped whenever a cluster joins this leaf or one of its templates changes: what a cached match depends on. */
  version: number;
}

function newNode(): Node {
  return { children: undefined, wildcard: undefined, clusters: undefined, version: 0 };
}

/** Leaves with more clusters than this are not scanned for templates to join (the scan is quadratic). */
const MAX_GROUP_SCAN = 256;
/** Leading variable tokens (or dotted names) that do not count towards the prefix depth. */
const MAX_LEAD_VARIABLES = 2;
/** Plain words seen at one long-stable position before a template takes it for a variable. */
const DISTINCT_WORDS = 4;

// One setting for every system: no per-dataset tuning.
const DEFAULTS: Required<MinerOptions> = { prefixDepth: 1, similarity: 0.7, maxChildren: 100, stableAfter: 30 };

export class DrainMiner {
  readonly clusters: Cluster[] = [];
  /** The tree leaf each cluster lives in, by cluster id. */
  private readonly leaves: Node[] = [];
  private readonly root = new Map<number, Node>();
  private readonly opts: Required<MinerOptions>;
  private readonly tok = new Tokenizer();

  constructor(opts: MinerOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Adds one message (text[from, to)); returns its cluster id. */
  add(text: string, from = 0, to = text.length): number {
    const tok = this.tok;
    const n = tok.tokenize(text, from, to);
    const leaf = this.leafFor(text, n, tok.hashes, tok.kinds);
    const found = this.bestMatch(leaf.clusters!, n, tok.hashes);
    if (found) {
      if (this.generalise(found, n, tok.hashes)) leaf.version++;
      found.size++;
      return found.id;
    }
    const tokens: string[] = new Array(n);
    const hashes = new Float64Array(n);
    const kinds = tok.kinds.slice(0, n);
    let params = 0;
    for (let k = 0; k < n; k++) {
      tokens[k] = tok.tokenText(text, k);
      hashes[k] = tok.hashes[k];
      if (hashes[k] === WILDCARD_HASH) params++;
    }
    const c: Cluster = { id: this.clusters.length, hashes, tokens, kinds, size: 1, params };
    this.clusters.push(c);
    this.leaves.push(leaf);
    leaf.clusters!.push(c);
    leaf.version++;
    return c.id;
  }

  /** Version of the leaf holding cluster `id`: remember it with a message's cluster to `reuse` the match later. */
  versionOf(id: number): number {
    return this.leaves[id].version;
  }

  /**
   * Adds a message to cluster `id` without looking at it, when its leaf is still at `version`: right for a message
   * whose tokens (hashes and kinds) equal those of the message that went to `id` when the leaf was at that version.
   * Nothing that decides the match changed since (candidates, their templates), and that message left the template
   * covering its tokens, so the full search would pick `id` again and change nothing but its size.
   */
  reuse(id: number, version: number): boolean {
    if (this.leaves[id].version !== version) return false;
    this.clusters[id].size++;
    return true;
  }

  /** Walks (and grows) the prefix tree to the leaf for a message of n tokens. */
  private leafFor(text: string, n: number, hashes: Float64Array, kinds: Uint8Array): Node {
    let node = this.root.get(n);
    if (!node) {
      node = newNode();
      this.root.set(n, node);
    }
    // Leading variables (a client address before the request) and dotted names (the job or component a message is
    // about: com.apple.cts: ...) route through the wildcard branch without using up the depth, so the word after them
    // routes: "<ip> GET ..." and "<ip> POST ..." are told apart as "GET ..." are, and one message about two jobs is not.
    let lead = 0;
    while (lead < MAX_LEAD_VARIABLES && lead < n - 1 && (kinds[lead] !== TokenKind.Constant || this.tok.isDottedName(text, lead))) lead++;
    const depth = Math.min(this.opts.prefixDepth + lead, n);
    for (let k = 0; k < depth; k++) {
      const h = hashes[k];
      // Tokens with variable parts route through the wildcard branch, as Drain does for tokens with digits.
      let next: Node | undefined;
      if (kinds[k] === TokenKind.Constant && k >= lead) {
        next = node.children?.get(h);
        if (!next) {
          const size = node.children ? node.children.size : 0;
          if (size < this.opts.maxChildren) {
            next = newNode();
            (node.children ??= new Map()).set(h, next);
          }
        }
      }
      if (!next) next = node.wildcard ??= newNode();
      node = next;
    }
    node.clusters ??= [];
    return node;
  }

  private bestMatch(candidates: Cluster[], n: number, hashes: Float64Array): Cluster | undefined {
    let best: Cluster | undefined;
    let bestSim = -1;
    let bestParams = -1;
    const st = this.opts.similarity;
    const kinds = this.tok.kinds;
    // Similar templates that hold another plain word where the message has one, and how many keep it for good.
    let rivals = 0;
    let frozen = 0;
    for (let c = 0; c < candidates.length; c++) {
      const cl = candidates[c];
      const t = cl.hashes;
      let same = 0;
      for (let k = 0; k < n; k++) if (t[k] === hashes[k]) same++;
      const sim = n === 0 ? 1 : same / n;
      if (sim < st) continue;
      if (same < n && !this.wordsAgree(cl, n, hashes, kinds)) continue;
      if (sim < 1 && this.changesConstant(cl, n, hashes, kinds)) rivals++;
      // A template whose plain words held over many messages takes nothing else there.
      if (sim < 1 && cl.size >= this.opts.stableAfter && this.breaksConstant(cl, n, hashes)) {
        frozen++;
        continue;
      }
      if (sim > bestSim || (sim === bestSim && cl.params > bestParams)) {
        best = cl;
        bestSim = sim;
        bestParams = cl.params;
      }
    }
    // Next to such a template, a younger one takes a new word only once several words were seen there (user names,
    // not the few values of a field like a request method): until then each word starts its own template.
    if (best && frozen > 0 && rivals < DISTINCT_WORDS - 1 && bestSim < 1 && this.changesConstant(best, n, hashes, kinds)) return undefined;
    return best;
  }

  /**
   * True when the positions where the template or the message has a plain word agree as much as a match needs.
   * Variables agree by kind only, so they must not carry a match whose words differ: "<ts>: WWEN[enable]" is not
   * "<ts>: WWEN[disable]" (Drain, likewise, counts no wildcard position as a match).
   */
  private wordsAgree(c: Cluster, n: number, hashes: Float64Array, kinds: Uint8Array): boolean {
    const t = c.hashes;
    const tk = c.kinds;
    let words = 0;
    let same = 0;
    for (let k = 0; k < n; k++) {
      if (tk[k] === TokenKind.Constant || kinds[k] === TokenKind.Constant) {
        words++;
        if (t[k] === hashes[k]) same++;
      }
    }
    return words === 0 || same / words >= this.opts.similarity;
  }

  /** True when the message puts a different plain word where the template has always had one plain word. */
  private changesConstant(c: Cluster, n: number, hashes: Float64Array, kinds: Uint8Array): boolean {
    const t = c.hashes;
    for (let k = 0; k < n; k++) {
      if (t[k] !== hashes[k] && t[k] !== WILDCARD_HASH && c.kinds[k] === TokenKind.Constant && kinds[k] === TokenKind.Constant) return true;
    }
    return false;
  }

  /** True when the message puts something else where a long-stable template has always had one plain word. */
  private breaksConstant(c: Cluster, n: number, hashes: Float64Array): boolean {
    const t = c.hashes;
    for (let k = 0; k < n; k++) {
      if (t[k] !== hashes[k] && t[k] !== WILDCARD_HASH && c.kinds[k] === TokenKind.Constant) return true;
    }
    return false;
  }

  /**
   * Final grouping of the clusters: per cluster id, the id of its group's most general member, and the template of
   * each group that joined several clusters.
   * Clusters of one leaf join when their templates differ only where one of them has a wildcard and agree enough
   * (as a message would join a template): that happens when a word stayed the same over many messages, a sibling
   * was opened for the next word, and that sibling then turned the position into a wildcard (a user name seen alone
   * for a while, then others). Two templates that each keep their own word there stay apart.
   */
  groups(): { root: Int32Array; tokens: Map<number, string[]> } {
    const root = new Int32Array(this.clusters.length);
    for (let i = 0; i < root.length; i++) root[i] = i;
    const tokens = new Map<number, string[]>();
    const seen = new Set<Node>();
    for (const leaf of this.leaves) {
      if (seen.has(leaf)) continue;
      seen.add(leaf);
      const list = leaf.clusters!;
      if (list.length < 2 || list.length > MAX_GROUP_SCAN) continue;
      // Most general first, so a group starts from the template that already has the wildcards.
      const order = list.slice().sort((a, b) => b.params - a.params || a.id - b.id);
      const joins: { id: number; hashes: Float64Array; tokens: string[] }[] = [];
      for (const c of order) {
        const g = joins.find((j) => this.joins(j.hashes, c.hashes));
        if (!g) {
          joins.push({ id: c.id, hashes: c.hashes.slice(), tokens: c.tokens.slice() });
          continue;
        }
        root[c.id] = g.id;
        for (let k = 0; k < c.hashes.length; k++) {
          if (g.hashes[k] !== c.hashes[k]) {
            g.hashes[k] = WILDCARD_HASH;
            g.tokens[k] = WILDCARD_TEXT;
          }
        }
        tokens.set(g.id, g.tokens);
      }
    }
    return { root, tokens };
  }

  /** True when templates a and b (same leaf) differ only where one has a wildcard, and agree on enough positions. */
  private joins(a: Float64Array, b: Float64Array): boolean {
    const n = a.length;
    if (b.length !== n) return false;
    let same = 0;
    for (let k = 0; k < n; k++) {
      if (a[k] === b[k]) same++;
      else if (a[k] !== WILDCARD_HASH && b[k] !== WILDCARD_HASH) return false;
    }
    return n === 0 || same / n >= this.opts.similarity;
  }

  /** Turns the template positions where the message differs into wildcards; true when any did. */
  private generalise(c: Cluster, n: number, hashes: Float64Array): boolean {
    const t = c.hashes;
    const before = c.params;
    for (let k = 0; k < n; k++) {
      if (t[k] !== hashes[k] && t[k] !== WILDCARD_HASH) {
        t[k] = WILDCARD_HASH;
        c.tokens[k] = WILDCARD_TEXT;
        c.kinds[k] = TokenKind.Variable;
        c.params++;
      }
    }
    return c.params !== before;
  }
}
