/**
 * Submits a server-rendered HTML form the way a browser does without JavaScript: the form's action and
 * hidden fields, the chosen submit button, and the fields a person fills in. Used by the demo and
 * the black-box tests; it knows nothing about the page beyond HTML.
 */

interface Field {
  tag: 'input' | 'textarea' | 'button' | 'select';
  name: string;
  value: string;
  type: string;
  checked: boolean;
}

const ATTR = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.replace(/^<\w+/, '').replace(/\/?>$/, '').matchAll(ATTR)) {
    out[(m[1] as string).toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export interface ParsedForm {
  action: string;
  method: string;
  fields: Field[];
}

/** The POST forms of a page, in order. */
export function parseForms(html: string): ParsedForm[] {
  const forms: ParsedForm[] = [];
  for (const m of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const formTag = /<form\b[^>]*>/i.exec(m[0])?.[0] ?? '';
    const attrs = attributes(formTag);
    const fields: Field[] = [];
    for (const f of (m[1] as string).matchAll(
      /<(input|button|select)\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>/gi,
    )) {
      const tag = (f[1] ?? 'textarea').toLowerCase() as Field['tag'];
      const a = attributes(/^<[^>]*>/.exec(f[0])?.[0] ?? '');
      if (!a.name) continue;
      fields.push({
        tag,
        name: a.name,
        value: tag === 'textarea' ? decode(f[2] ?? '') : (a.value ?? ''),
        type: (a.type ?? (tag === 'button' ? 'submit' : 'text')).toLowerCase(),
        checked: 'checked' in a,
      });
    }
    forms.push({ action: attrs.action ?? '', method: (attrs.method ?? 'get').toLowerCase(), fields });
  }
  return forms;
}

export interface FormAnswers {
  /** The decision: a submit button or radio option with this value. */
  choice: string;
  /** Free text for a field named like reason/comment. */
  reason?: string;
  /** For a field named like amount/confirm (typed confirmation of the gross). */
  typedAmount?: string;
}

/** Fills and posts the page's decision form; returns the response. */
export async function submitForm(pageUrl: string, html: string, answers: FormAnswers): Promise<Response> {
  const form = parseForms(html).find((f) => f.method === 'post');
  if (!form) throw new Error('The page has no POST form');
  const body = new URLSearchParams();
  let chosen = false;
  for (const field of form.fields) {
    const isChoice = field.value === answers.choice && (field.type === 'submit' || field.type === 'radio');
    if (field.type === 'submit' || field.type === 'radio' || field.type === 'checkbox') {
      if (isChoice && !chosen) {
        body.append(field.name, field.value);
        chosen = true;
      }
      continue;
    }
    if (/amount|confirm/i.test(field.name) && answers.typedAmount !== undefined && field.type !== 'hidden') {
      body.append(field.name, answers.typedAmount);
    } else if (/reason|comment|grund/i.test(field.name) && answers.reason !== undefined) {
      body.append(field.name, answers.reason);
    } else {
      body.append(field.name, field.value);
    }
  }
  if (!chosen) throw new Error(`The form offers no choice "${answers.choice}"`);
  return fetch(new URL(form.action || pageUrl, pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'follow',
  });
}
