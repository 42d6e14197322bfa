// core/template: a parsed YAML document → plain data with source positions, expanding aliases and merge keys
// within TEMPLATE_LIMITS, so a "billion laughs" bomb or an alias inside its own anchor is an error, not a hang.
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type CST, type Document, type LineCounter, type Node } from 'yaml';
import { TEMPLATE_LIMITS } from './limits';
import type { SourceMap, SourcePos } from './parse';

/** Raised with the offset of the node at fault; parse.ts turns it into a positioned TEMPLATE_SYNTAX error. */
export class YamlBoundError extends Error {
  constructor(
    readonly offset: number,
    /** What is wrong, e.g. `Template's YAML aliases expand too far`. */
    readonly lead: string,
    /** What to fix there, e.g. `the alias`. */
    readonly fix: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function depthError(offset: number): YamlBoundError {
  const max = TEMPLATE_LIMITS.maxDepth;
  return new YamlBoundError(offset, 'Template is nested too deeply', 'the structure', `maps and lists nest more than ${max} levels deep here; flatten it`);
}

/**
 * The offset of the first map or list nested deeper than maxDepth in the parser's tokens, if any. Walks with
 * its own stack: the composer recurses once per level, so this runs before it ever sees deep input.
 */
export function tooDeepAt(tokens: readonly CST.Token[]): YamlBoundError | undefined {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [token, depth] = top;
    if (token.type === 'document') {
      if (token.value) stack.push([token.value, depth]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > TEMPLATE_LIMITS.maxDepth) return depthError(token.offset);
      for (const item of token.items as CST.CollectionItem[]) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

/** Short-form tags whose long form is `Fn::<Name>`; !Ref and !Condition keep their own keys. */
function longForm(tag: string, value: unknown): Record<string, unknown> {
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

/** One conversion: the data, positions, short-form tags and merge keys of one document. */
export class YamlToData {
  /** What each alias points at: the last node before it with that anchor (YAML 1.2 §3.2.2.2). */
  private readonly targets = new Map<Alias, Node>();
  /** Nodes being converted, outermost first: an alias to one of them would expand forever. */
  private readonly open = new Set<Node>();
  private aliases = 0;
  private aliasedValues = 0;
  /** The alias in the written document whose expansion is under way, named in errors. */
  private outerAlias: Alias | undefined;

  constructor(
    private readonly doc: Document,
    private readonly lc: LineCounter,
    private readonly sm: SourceMap,
  ) {
    // One pass instead of Alias.resolve(doc), which walks the whole document again for every alias.
    const last = new Map<string, Node>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          const target = last.get(node.source);
          if (target) this.targets.set(node, target);
        } else if (node.anchor) {
          last.set(node.anchor, node);
        }
      },
    });
  }

  convert(): unknown {
    return this.toData(this.doc.contents as Node | null, 0);
  }

  private pos(n: Node): SourcePos {
    const p = this.lc.linePos(n.range?.[0] ?? 0);
    return { line: p.line, column: p.col };
  }

  private offset(n: Node): number {
    return n.range?.[0] ?? 0;
  }

  private alias(node: Alias, depth: number): unknown {
    const target = this.targets.get(node);
    const at = this.offset(this.outerAlias ?? node);
    if (!target) {
      throw new YamlBoundError(this.offset(node), 'Template uses a YAML alias with no anchor', 'the alias', `*${node.source} has no &${node.source} before it; define the anchor first, or fix the name`);
    }
    if (this.open.has(target)) {
      throw new YamlBoundError(this.offset(node), 'Template has a YAML alias inside its own anchor', 'the alias', `*${node.source} is inside the node anchored &${node.source}, so expanding it never ends; alias a node outside it, or write the values out`);
    }
    if (++this.aliases > TEMPLATE_LIMITS.maxAliases) {
      throw new YamlBoundError(at, "Template's YAML aliases expand too far", 'the alias', `expanding *${(this.outerAlias ?? node).source} follows more than ${TEMPLATE_LIMITS.maxAliases} aliases (aliases of aliases multiply, as in a "billion laughs" bomb); nest fewer aliases, or write the values out`);
    }
    const outermost = this.outerAlias === undefined;
    if (outermost) this.outerAlias = node;
    try {
      return this.toData(target, depth);
    } finally {
      if (outermost) this.outerAlias = undefined;
    }
  }

  private toData(node: Node | null, depth: number): unknown {
    if (node === null) return null;
    if (isAlias(node)) return this.alias(node, depth);
    if (this.outerAlias && ++this.aliasedValues > TEMPLATE_LIMITS.maxAliasedValues) {
      throw new YamlBoundError(this.offset(this.outerAlias), "Template's YAML aliases expand too far", 'the alias', `expanding *${this.outerAlias.source} creates more than ${TEMPLATE_LIMITS.maxAliasedValues} values; alias smaller nodes, or write the values out`);
    }
    let value: unknown;
    if (isScalar(node)) {
      value = node.value;
    } else if (isSeq(node) || isMap(node)) {
      // Written depth was checked on the tokens; this catches depth that aliases add.
      if (depth + 1 > TEMPLATE_LIMITS.maxDepth) throw depthError(this.offset(this.outerAlias ?? node));
      this.open.add(node);
      try {
        value = isSeq(node) ? this.list(node.items as (Node | null)[], node, depth + 1) : this.map(node, depth + 1);
      } finally {
        this.open.delete(node);
      }
    } else {
      return null;
    }
    if (node.tag && node.tag.startsWith('!') && !node.tag.startsWith('!!')) {
      const wrapped = longForm(node.tag, value);
      this.sm.setNode(wrapped, this.pos(node));
      return wrapped;
    }
    return value;
  }

  private list(items: (Node | null)[], node: Node, depth: number): unknown[] {
    const list = items.map((item) => this.toData(item, depth));
    this.sm.setNode(list, this.pos(node));
    return list;
  }

  private map(node: Node & { items: unknown[] }, depth: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.sm.setNode(obj, this.pos(node));
    const merged: unknown[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const rawKey = isScalar(keyNode) ? keyNode.value : this.toData(keyNode, depth);
      if (typeof rawKey === 'symbol' || rawKey === '<<') {
        // YAML merge key: `<<: *anchor` (or a list of them); explicit keys win over merged ones.
        const source = this.toData(pair.value as Node | null, depth);
        merged.push(...(Array.isArray(source) ? source : [source]));
        continue;
      }
      const key = String(rawKey);
      obj[key] = this.toData(pair.value as Node | null, depth);
      if (keyNode) this.sm.setKey(obj, key, this.pos(keyNode));
    }
    for (const source of merged) {
      if (typeof source !== 'object' || source === null || Array.isArray(source)) continue;
      for (const [k, v] of Object.entries(source)) {
        if (Object.prototype.hasOwnProperty.call(obj, k)) continue;
        obj[k] = v;
        const p = this.sm.key(source, k);
        if (p) this.sm.setKey(obj, k, p);
      }
    }
    return obj;
  }
}
