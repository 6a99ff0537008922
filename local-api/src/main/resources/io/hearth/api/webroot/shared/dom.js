// DOM helpers that never parse HTML: text goes in as text.

/** Creates an element; `props.text` sets its text, `on*` props add listeners, others attributes. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'text') {
      node.textContent = value;
    } else if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      node.setAttribute(name, String(value));
    }
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** A table with a caption, column headers and rows of cells (strings or nodes). */
export function table(caption, headers, rows) {
  const head = el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', text: h })));
  // data-label names each cell's column, for narrow screens where rows become cards.
  const body = rows.map((cells) => el('tr', {}, ...cells.map((c, i) =>
    el('td', { 'data-label': headers[i] || null }, typeof c === 'string' ? c : c ?? ''))));
  return el('table', {}, el('caption', { text: caption }), el('thead', {}, head),
    el('tbody', {}, ...body));
}

/** An API timestamp (ISO-8601 UTC string, as every route answers) in the viewer's locale. */
export function when(iso) {
  const at = iso ? new Date(iso) : null;
  return at && !Number.isNaN(at.getTime()) ? at.toLocaleString() : '';
}

/** Checkboxes named `name`, one per option {value, label}. */
export function checkboxes(name, options, checked = []) {
  return options.map((o) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name, value: o.value, checked: checked.includes(o.value) }),
    ` ${o.label}`));
}

export function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
}
