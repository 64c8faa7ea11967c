import type { XmlElement } from '../../xml/safe-xml';

/**
 * The small subset of XPath 2.0 the XRechnung schematron needs, over the parseXml() tree:
 * namespace-aware child paths ('cac:Party/cbc:Name', '..'), rule-context matching
 * ('/ubl:Invoice/cac:PaymentMeans', 'cac:Price/cac:AllowanceCharge'), string values,
 * normalize-space, xs:decimal casts and the codepoint string comparisons of untyped nodes.
 */

export type Prefixes = Readonly<Record<string, string>>;

interface Step {
  /** Local name, '*' for any element, '..' for the parent. */
  name: string;
  /** Namespace URI; undefined with '*' and '..'. */
  ns?: string;
}

/** Compiled paths, keyed by path text; the handful of paths in the rules compile once. */
type CompiledPath = { absolute: boolean; steps: Step[] };

export class XPathLite {
  private readonly cache = new Map<string, CompiledPath>();
  private readonly patternCache = new Map<string, CompiledPath[]>();

  constructor(private readonly prefixes: Prefixes) {}

  /** All elements reached from ctx by a relative ('a:b/c:d', '..') or absolute ('/a:b') path. */
  all(ctx: XmlElement | readonly XmlElement[] | undefined, path: string): XmlElement[] {
    if (ctx === undefined) return [];
    const { absolute, steps } = this.compile(path);
    let current: XmlElement[] = Array.isArray(ctx) ? [...ctx] : [ctx as XmlElement];
    if (absolute) {
      const root = current[0] ? rootOf(current[0]) : undefined;
      const [first, ...rest] = steps;
      current = root && first && stepMatches(root, first) ? [root] : [];
      return this.walk(current, rest);
    }
    return this.walk(current, steps);
  }

  /** First element reached by the path, or undefined. */
  one(ctx: XmlElement | readonly XmlElement[] | undefined, path: string): XmlElement | undefined {
    return this.all(ctx, path)[0];
  }

  /** XPath boolean(path): at least one element is reached. */
  has(ctx: XmlElement | readonly XmlElement[] | undefined, path: string): boolean {
    return this.all(ctx, path).length > 0;
  }

  /** XPath `path[boolean(normalize-space(.))]`: some reached element has non-blank text. */
  hasText(ctx: XmlElement | readonly XmlElement[] | undefined, path: string): boolean {
    return this.all(ctx, path).some((e) => !isBlank(stringValue(e)));
  }

  /** String value of the first element reached ('' when none), like string(path[1]). */
  text(ctx: XmlElement | readonly XmlElement[] | undefined, path: string): string {
    const found = this.one(ctx, path);
    return found ? stringValue(found) : '';
  }

  /** String values of all elements reached. */
  texts(ctx: XmlElement | readonly XmlElement[] | undefined, path: string): string[] {
    return this.all(ctx, path).map(stringValue);
  }

  /** True when the element has the qualified name, e.g. is(e, 'cac:Party'). */
  is(element: XmlElement, qname: string): boolean {
    const [step] = this.compile(qname).steps;
    return step !== undefined && stepMatches(element, step);
  }

  /**
   * Schematron rule-context match: `pattern` is one or more paths joined by ' | '.
   * A path ending at the element matches upwards through its ancestors; a leading '/' also
   * requires the first step to be the document element.
   */
  matches(element: XmlElement, pattern: string): boolean {
    return matchesAny(element, this.alternatives(pattern));
  }

  /** A compiled rule-context predicate for `pattern` (see matches): compile once, call often. */
  context(pattern: string): (element: XmlElement) => boolean {
    const alternatives = this.alternatives(pattern);
    return (element) => matchesAny(element, alternatives);
  }

  private alternatives(pattern: string): CompiledPath[] {
    let alternatives = this.patternCache.get(pattern);
    if (!alternatives) {
      alternatives = pattern.split('|').map((alternative) => this.compile(alternative.trim()));
      this.patternCache.set(pattern, alternatives);
    }
    return alternatives;
  }

  private walk(start: XmlElement[], steps: Step[]): XmlElement[] {
    let current = start;
    for (const step of steps) {
      const next: XmlElement[] = [];
      for (const element of current) {
        if (step.name === '..') {
          if (element.parent && !next.includes(element.parent)) next.push(element.parent);
          continue;
        }
        for (const child of element.children) if (stepMatches(child, step)) next.push(child);
      }
      current = next;
    }
    return current;
  }

  private compile(path: string): CompiledPath {
    let compiled = this.cache.get(path);
    if (compiled) return compiled;
    const absolute = path.startsWith('/');
    const steps = (absolute ? path.slice(1) : path).split('/').map((raw): Step => {
      if (raw === '..' || raw === '*') return { name: raw };
      const colon = raw.indexOf(':');
      const prefix = colon >= 0 ? raw.slice(0, colon) : '';
      const ns = this.prefixes[prefix];
      if (ns === undefined) throw new TypeError(`Unknown namespace prefix "${prefix}" in path "${path}"`);
      return { name: raw.slice(colon + 1), ns };
    });
    compiled = { absolute, steps };
    this.cache.set(path, compiled);
    return compiled;
  }
}

/** True when the element and its ancestors match one of the compiled context paths. */
function matchesAny(element: XmlElement, alternatives: readonly CompiledPath[]): boolean {
  for (const { absolute, steps } of alternatives) {
    if (steps[steps.length - 1]?.name !== element.name) continue; // cheap rejection first
    let node: XmlElement | undefined = element;
    let ok = true;
    for (let i = steps.length - 1; i >= 0; i--) {
      if (!node || !stepMatches(node, steps[i]!)) {
        ok = false;
        break;
      }
      if (i > 0) node = node.parent;
    }
    if (ok && (!absolute || node?.parent === undefined)) return true;
  }
  return false;
}

function stepMatches(element: XmlElement, step: Step): boolean {
  if (step.name === '*') return true;
  return element.name === step.name && element.ns === step.ns;
}

function rootOf(element: XmlElement): XmlElement {
  let node = element;
  while (node.parent) node = node.parent;
  return node;
}

/** XPath string value: all descendant text of the element, concatenated. */
export function stringValue(element: XmlElement): string {
  if (element.children.length === 0) return element.rawText;
  let value = element.rawText;
  for (const child of element.children) value += stringValue(child);
  return value;
}

/** True when the text is empty or only XML whitespace: not(normalize-space(text)). */
export function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

/** XPath normalize-space(): trims and collapses the XML whitespace characters. */
export function normalizeSpace(value: string): string {
  return value.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** The attribute's value, or undefined when the attribute is absent. */
export function attr(element: XmlElement | undefined, name: string): string | undefined {
  return element?.attrs[name];
}

/** Every element of the tree in document order (the element itself first). */
export function descendantsOrSelf(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [element];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** True when some ancestor of the element satisfies the predicate. */
export function hasAncestor(element: XmlElement, predicate: (ancestor: XmlElement) => boolean): boolean {
  for (let node = element.parent; node; node = node.parent) if (predicate(node)) return true;
  return false;
}
