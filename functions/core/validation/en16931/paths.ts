import type { El } from './xpath';

/**
 * Context matching for rule contexts written as XPath patterns: the element's ancestors by
 * local name. `parents(el, 'B', 'A')` is the pattern `A/B/el` (nearest parent first);
 * `rooted(el, 'Root', 'A', 'B')` is the absolute pattern `/Root/A/B/el`.
 */

/** True when the element's nearest ancestors have these local names, nearest first. */
export function parents(el: El, ...names: string[]): boolean {
  let p = el.parent;
  for (const name of names) {
    if (!p || p.name !== name) return false;
    p = p.parent;
  }
  return true;
}

/** True when the element sits at exactly this path below the document element. */
export function rooted(el: El, ...path: string[]): boolean {
  let p = el.parent;
  for (let i = path.length - 1; i >= 0; i--) {
    if (!p || p.name !== path[i]) return false;
    p = p.parent;
  }
  return p === undefined;
}

/** The document element of the tree the element belongs to. */
export function rootOf(el: El): El {
  let current = el;
  while (current.parent) current = current.parent;
  return current;
}
