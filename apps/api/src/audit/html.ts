/**
 * HTML built from templates that escape every value put into them, so text from the record (a goal
 * named `</script>…`) can never become markup. Only what an `html` template made passes unescaped.
 */

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

function render(value: Value): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  return new Html(strings.reduce((out, part, index) => out + part + (index < values.length ? render(values[index]!) : ''), ''));
}

/** The text of a script or style element, kept verbatim: it must hold nothing that would end the element early. */
export function rawText(element: 'script' | 'style', text: string): Html {
  if (new RegExp(`</${element}|<!--`, 'i').test(text)) throw new Error(`A ${element} text may not contain "</${element}" or "<!--"`);
  return new Html(text);
}
