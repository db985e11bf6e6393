/** Small helpers for writing HTML text safely. */

const ESCAPES: Readonly<Record<string, string>> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;'
};

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** Serialises JSON for a `<script type="application/json">` element. */
export function scriptJson(value: unknown): string {
    // `<` as \u003c keeps a `</script>` inside a string value from closing the element.
    return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Returns the SLDS utility icon markup for `category:name` from the served sprites. */
export function iconSvg(iconName: string, className: string): string {
    const [category = 'utility', name = 'question'] = iconName.split(':');
    const href = `/assets/icons/${category}-sprite/svg/symbols.svg#${name}`;
    return `<svg class="${escapeHtml(className)}" aria-hidden="true"><use href="${escapeHtml(href)}"></use></svg>`;
}
