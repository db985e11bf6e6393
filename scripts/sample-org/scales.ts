import { z } from 'zod';
import type { GenerateOptions, ScaleCounts, ScaleName } from './types';

/**
 * Preset sizes. `small` keeps tests fast with about 2,000 records. `standard` is what
 * `npm start` seeds: a sales floor of 40 reps and 1,500 accounts. `large` is a starting
 * point for benchmarks, and any count can be overridden for bigger runs.
 */
export const SCALES: Readonly<Record<ScaleName, ScaleCounts>> = {
    small: {
        salesManagers: 2,
        sdrManagers: 1,
        repsPerSalesManager: 3,
        repsPerSdrManager: 3,
        inactiveReps: 1,
        marketingUsers: 2,
        accounts: 40,
        contacts: 160,
        leads: 260,
        campaigns: 4,
        handoffsPerMonth: 15,
        teamClocksDue: 12,
        openClocksPerKind: 2
    },
    standard: {
        salesManagers: 3,
        sdrManagers: 2,
        repsPerSalesManager: 8,
        repsPerSdrManager: 8,
        inactiveReps: 2,
        marketingUsers: 4,
        accounts: 1500,
        contacts: 15000,
        leads: 20000,
        campaigns: 12,
        handoffsPerMonth: 40,
        teamClocksDue: 20,
        openClocksPerKind: 6
    },
    large: {
        salesManagers: 6,
        sdrManagers: 4,
        repsPerSalesManager: 10,
        repsPerSdrManager: 10,
        inactiveReps: 4,
        marketingUsers: 8,
        accounts: 10000,
        contacts: 100000,
        leads: 150000,
        campaigns: 40,
        handoffsPerMonth: 120,
        teamClocksDue: 40,
        openClocksPerKind: 20
    }
};

const count = (minimum: number) => z.number().int().min(minimum).max(10_000_000);

/** Lower bounds below which some scenario of the SLA history cannot be built. */
const scaleCountsSchema = z.object({
    salesManagers: count(2),
    sdrManagers: count(1),
    repsPerSalesManager: count(3),
    repsPerSdrManager: count(3),
    inactiveReps: count(0),
    marketingUsers: count(1),
    accounts: count(20),
    contacts: count(40),
    leads: count(200),
    campaigns: count(2),
    handoffsPerMonth: count(10),
    teamClocksDue: count(10),
    openClocksPerKind: count(1)
});

const scaleNameSchema = z.enum(['small', 'standard', 'large']);

const optionsSchema = z.object({
    seed: z.union([z.number(), z.string().min(1)]),
    now: z.union([z.date(), z.string()]).transform((value, context) => {
        const date = new Date(value);
        if (Number.isNaN(date.getTime())) {
            context.addIssue({ code: 'custom', message: 'expected an ISO 8601 datetime' });
            return z.NEVER;
        }
        return date;
    }),
    scale: z
        .union([
            scaleNameSchema,
            scaleCountsSchema.partial().extend({ base: scaleNameSchema.optional() })
        ])
        .optional()
});

/** Validated generator options. */
export interface ResolvedOptions {
    readonly seed: string;
    readonly now: Date;
    readonly scale: ScaleCounts;
}

/** Escalation scenarios take two reps of each of the first two sales teams. */
const ESCALATION_REPS = 4;

/**
 * Checks what the SLA history needs of the teams: at most one inactive rep per sales
 * team, and at least one active sales rep besides the escalation reps.
 */
function checkTeams(scale: ScaleCounts): void {
    if (scale.inactiveReps > scale.salesManagers) {
        throw new RangeError(
            `inactiveReps is ${scale.inactiveReps}; expected at most salesManagers (${scale.salesManagers}).`
        );
    }
    const salesReps = scale.salesManagers * scale.repsPerSalesManager;
    if (salesReps - ESCALATION_REPS - scale.inactiveReps < 1) {
        throw new RangeError(
            `inactiveReps is ${scale.inactiveReps}; expected at most ${salesReps - ESCALATION_REPS - 1} for ${salesReps} sales reps.`
        );
    }
}

/**
 * Validates the options and resolves the scale to counts. Throws a ZodError naming the
 * invalid option, for example a count below the minimum the SLA history needs.
 */
export function resolveOptions(options: GenerateOptions): ResolvedOptions {
    const parsed = optionsSchema.parse(options);
    const scale = parsed.scale ?? 'standard';
    if (typeof scale === 'string') {
        return { seed: String(parsed.seed), now: parsed.now, scale: SCALES[scale] };
    }
    const { base, ...overrides } = scale;
    const merged = scaleCountsSchema.parse({ ...SCALES[base ?? 'standard'], ...overrides });
    checkTeams(merged);
    return { seed: String(parsed.seed), now: parsed.now, scale: merged };
}
