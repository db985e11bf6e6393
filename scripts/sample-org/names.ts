/**
 * Word lists for fictional people, companies and web addresses. Names are drawn
 * independently, so a full name matches no particular person. Company domains end in
 * `.example`, a top-level domain reserved for documentation (RFC 2606), so no generated
 * address or website belongs to a real company. Free-mail addresses use the real
 * providers' domains because the matching rule recognises them by those names.
 */
import type { Random } from './random';

/** Splits a space-separated word list; keeps long lists compact under the formatter. */
function words(text: string): readonly string[] {
    return text.split(' ');
}

export const FIRST_NAMES = words(
    'Avery Bianca Caleb Dalia Elliot Farah Gavin Hana Isaac Jalen Keira Lorenzo Maren ' +
        'Nadia Owen Priya Quentin Rosa Soren Talia Umar Vera Wesley Ximena Yusuf Zara Anika ' +
        'Bruno Celeste Dmitri Esme Felix Greta Hugo Ingrid Joaquin Kenji Leona Mateo Noor ' +
        'Oskar Paloma Rafael Selin Tobias Uma Viktor Willa Yara Zeke Amara Beckett Cora ' +
        'Darius Elena Finn Gemma Hector Iris Jonas Kavya Lucas Mira Nico Olive Pavel Reza ' +
        'Sienna Theo Valentina'
);

export const LAST_NAMES = words(
    'Abernathy Balogun Castellano Dvorak Eriksen Fairbanks Galloway Haddad Ishikawa ' +
        'Jorgensen Kowalczyk Lindqvist Moreau Nakagawa Okonkwo Petrakis Quintero Rasmussen ' +
        'Santoro Thorne Ueda Valdivia Whitcombe Yilmaz Zielinski Achterberg Brennan Chaudhry ' +
        'Delacroix Esposito Fitzgerald Grimaldi Holloway Iyer Jablonski Kaminski Lachance ' +
        'Mbeki Novak Oyelaran Pellegrini Rinaldi Sandoval Tanaka Underwood Vasquez Wojcik Xu ' +
        'Yamamoto Zamora Ashworth Bergstrom Cardenas Donnelly Ekstrom Ferreira Gundersen ' +
        'Hartmann Ivanova Kerrigan Lombardi Marchetti Nordahl Ostrowski'
);

/** First halves of invented company names. */
const COMPANY_HEADS = words(
    'Amber Arc Birch Bright Cinder Clear Cobalt Copper Crest Drift Ember Fern Flint Glen ' +
        'Granite Harbor Hollow Iron Juniper Kestrel Lantern Larch Lumen Maple Marble Meadow ' +
        'Moss North Oak Onyx Orchard Pebble Pine Quarry Quill Raven Ridge River Saffron Sage ' +
        'Silver Slate Sparrow Spruce Stone Summit Tide Timber Vale Willow'
);

/** Second halves of invented company names. */
const COMPANY_TAILS = words(
    'bay bridge brook crest dale field ford gate grove haven hill hurst lake light line ' +
        'mark mere mill moor point port reach ridge rock shore side spire stead ton view wall ' +
        'water well wick wind wood works yard'
);

const COMPANY_KINDS = words(
    'Analytics Logistics Health Systems Labs Foods Robotics Energy Financial Software Networks ' +
        'Biotech Manufacturing Media Retail Capital Security Learning Freight Materials'
);

const COMPANY_SUFFIXES = ['Inc.', 'LLC', 'Group', 'Co.', 'Corp.', 'Holdings', ''];

/** Industry picklist value per company kind; unknown kinds fall back to Technology. */
const INDUSTRY_BY_KIND: Readonly<Record<string, string>> = {
    Analytics: 'Technology',
    Logistics: 'Transportation',
    Health: 'Healthcare',
    Systems: 'Technology',
    Labs: 'Biotechnology',
    Foods: 'Food & Beverage',
    Robotics: 'Machinery',
    Energy: 'Energy',
    Financial: 'Finance',
    Software: 'Technology',
    Networks: 'Telecommunications',
    Biotech: 'Biotechnology',
    Manufacturing: 'Manufacturing',
    Media: 'Media',
    Retail: 'Retail',
    Capital: 'Banking',
    Security: 'Technology',
    Learning: 'Education',
    Freight: 'Shipping',
    Materials: 'Chemicals'
};

export const CITIES: readonly (readonly [city: string, state: string])[] = [
    ['Boston', 'MA'],
    ['Austin', 'TX'],
    ['Denver', 'CO'],
    ['Chicago', 'IL'],
    ['Seattle', 'WA'],
    ['Atlanta', 'GA'],
    ['Raleigh', 'NC'],
    ['Columbus', 'OH'],
    ['Phoenix', 'AZ'],
    ['Portland', 'OR'],
    ['Minneapolis', 'MN'],
    ['Nashville', 'TN'],
    ['Pittsburgh', 'PA'],
    ['San Diego', 'CA'],
    ['Miami', 'FL']
];

/** A fictional company: display name, domain stem and industry. */
export interface CompanyName {
    readonly name: string;
    /** Lower-case stem of the web domain, e.g. `harborlight`; `.example` is appended by callers. */
    readonly stem: string;
    readonly industry: string;
}

/**
 * Returns a company whose domain stem is not in `taken`, and adds the stem. Stems are
 * `harborlight` first, then `harborlight-foods` once the short ones are scarce, then a
 * number is appended, so any count of companies is possible.
 */
export function uniqueCompany(random: Random, taken: Set<string>): CompanyName {
    for (let attempt = 0; ; attempt += 1) {
        const head = random.pick(COMPANY_HEADS);
        const tail = random.pick(COMPANY_TAILS);
        const kind = random.pick(COMPANY_KINDS);
        const base = `${head}${tail}`;
        let stem = base.toLowerCase();
        if (attempt >= 10) {
            stem = `${stem}-${kind.toLowerCase()}`;
        }
        if (attempt >= 40) {
            stem = `${stem}${random.int(2, 9999)}`;
        }
        if (taken.has(stem)) {
            continue;
        }
        taken.add(stem);
        const suffix = random.pick(COMPANY_SUFFIXES);
        const name = [base, kind, suffix].filter(Boolean).join(' ');
        return { name, stem, industry: INDUSTRY_BY_KIND[kind] ?? 'Technology' };
    }
}

/** Lower-case ASCII slug of a name, for e-mail local parts and URLs. */
export function slug(text: string): string {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
}

/** A person's first and last name. */
export interface PersonName {
    readonly first: string;
    readonly last: string;
}

export function personName(random: Random): PersonName {
    return { first: random.pick(FIRST_NAMES), last: random.pick(LAST_NAMES) };
}

/** E-mail local part in one of the formats companies use (`jane.doe`, `jdoe`, `jane`). */
export function emailLocalPart(random: Random, name: PersonName): string {
    const first = slug(name.first);
    const last = slug(name.last);
    const format = random.int(0, 3);
    if (format === 0) {
        return `${first}.${last}`;
    }
    if (format === 1) {
        return `${first.charAt(0)}${last}`;
    }
    if (format === 2) {
        return `${first}${last.charAt(0)}`;
    }
    return `${first}_${last}`;
}

/**
 * Returns a website as people type it into CRM fields: with or without scheme, `www.`, capitals
 * and a path, so that the matching rule's normalisation has work to do.
 */
export function websiteVariant(random: Random, domain: string): string {
    const variants = [
        `https://www.${domain}`,
        `https://${domain}/`,
        `http://www.${domain}/about`,
        `www.${domain}`,
        domain,
        `https://WWW.${domain.toUpperCase()}`
    ];
    return random.pick(variants);
}

/** Profile URL for a person without e-mail; the host is reserved for examples, like the domains. */
export function linkedInUrl(random: Random, name: PersonName): string {
    return `https://linkedin.example/in/${slug(name.first)}-${slug(name.last)}-${random.hex(6)}`;
}
