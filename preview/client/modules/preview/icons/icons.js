/**
 * Sprite URLs and SLDS classes of design system icons. The preview server serves the
 * design system's `assets` folder under `/assets/`.
 */

const SIZES = new Set(['xx-small', 'x-small', 'small', 'medium', 'large']);
const TEXT_VARIANTS = new Set(['warning', 'error', 'success', 'light']);

function parts(iconName) {
    const [category, name] = String(iconName || '').split(':');
    return { category: category || 'utility', name: name || 'question' };
}

/** Returns the sprite URL of `category:name`. */
export function iconHref(iconName) {
    const { category, name } = parts(iconName);
    return `/assets/icons/${category}-sprite/svg/symbols.svg#${name}`;
}

/** Returns the classes of the container and the `svg` element of an icon. */
export function iconClasses(iconName, size, variant) {
    const { category, name } = parts(iconName);
    const container = ['slds-icon_container', `slds-icon-${category}-${name.replace(/_/g, '-')}`];
    const svg = ['slds-icon'];
    if (SIZES.has(size) && size !== 'medium') {
        svg.push(`slds-icon_${size}`);
    }
    if (category === 'utility') {
        // Utility icons have no background of their own, so they take a text colour.
        svg.push(
            TEXT_VARIANTS.has(variant) ? `slds-icon-text-${variant}` : 'slds-icon-text-default'
        );
    } else if (variant === 'inverse') {
        container.push('slds-icon_container_circle');
    }
    return { container: container.join(' '), svg: svg.join(' ') };
}
