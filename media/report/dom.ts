/**
 * DOM helpers of the report webview. Every string that came from the incident (logs, configs, probe output)
 * goes into the page through `textContent`, never as HTML.
 */

/** A new element with an optional class and text (set as text). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A section with a heading, appended to `root`. */
export function section(root: HTMLElement, title: string, className: string): HTMLElement {
  const s = el('section', className);
  s.setAttribute('aria-label', title);
  s.append(el('h2', undefined, title));
  root.append(s);
  return s;
}

/** A button that runs `action`; while it runs the button is disabled, and a failure shows as its tooltip. */
export function button(label: string, title: string, action: () => Promise<unknown>): HTMLButtonElement {
  const b = el('button', 'action', label);
  b.type = 'button';
  b.title = title;
  b.addEventListener('click', () => {
    b.disabled = true;
    action()
      .catch((err: Error) => {
        b.title = err.message;
      })
      .finally(() => {
        b.disabled = false;
      });
  });
  return b;
}

/** 0.874 as "87%". */
export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
