/**
 * The shape of an `UpdateRunStrategy` (reference §2.2): field types, patterns and sizes. The
 * cross-field rules live in `strategy.ts`.
 */
import { z } from 'zod';
import { maxLabelSelectorLength } from './label-selector.js';
import { maxAllowedFailuresPattern, maxConcurrencyPattern } from './limits.js';
import { childName, matching } from './schemas.js';

/** The days a ScheduledStart gate may name. */
export const daysOfWeek = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** The gate types. */
export const gateTypes = ['Approval', 'ScheduledStart'] as const;
/** The most groups a stage may have. */
export const maxGroupsPerStage = 50;

const scheduledStartSchema = z.strictObject({
  startDay: z.enum(daysOfWeek),
  startTime: matching(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'it must be a 24-hour time HH:mm, such as 02:30'),
  utcOffset: matching(/^[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)$/, 'it must be an offset ±HH:mm from -14:00 to +14:00, such as +05:30'),
});

const gateSchema = z.strictObject({
  displayName: z.string().min(1).max(100).optional(),
  type: z.enum(gateTypes),
  scheduledStartConfiguration: scheduledStartSchema.optional(),
});

const memberSelectorSchema = z.strictObject({ byLabel: z.string().max(maxLabelSelectorLength) });

const maxConcurrency = matching(maxConcurrencyPattern, 'it must be a whole number of at least 1 ("3") or a percentage from 1% to 100% ("33%")');
const maxAllowedFailures = matching(maxAllowedFailuresPattern, 'it must be a whole number of at least 0 ("2") or a percentage from 0% to 100% ("25%")');

const gatesSchema = z.array(gateSchema).optional();

const groupSchema = z.strictObject({
  name: childName,
  memberSelector: memberSelectorSchema.optional(),
  maxConcurrency: maxConcurrency.optional(),
  maxAllowedFailures: maxAllowedFailures.optional(),
  beforeGates: gatesSchema,
  afterGates: gatesSchema,
});

const stageSchema = z.strictObject({
  name: childName,
  groups: z.array(groupSchema).min(1).max(maxGroupsPerStage).optional(),
  memberSelector: memberSelectorSchema.optional(),
  afterStageWaitInSeconds: z.int32().min(0).optional(),
  maxConcurrency: maxConcurrency.optional(),
  maxAllowedFailures: maxAllowedFailures.optional(),
  beforeGates: gatesSchema,
  afterGates: gatesSchema,
});

/** An update strategy: at least one stage. */
export const strategySchema = z.strictObject({ stages: z.array(stageSchema).min(1) });

/** A strategy as the schema accepts it (structurally an `UpdateRunStrategy`). */
export type ParsedStrategy = z.output<typeof strategySchema>;
/** A stage of a {@link ParsedStrategy}. */
export type ParsedStage = ParsedStrategy['stages'][number];
/** A group of a {@link ParsedStage}. */
export type ParsedGroup = NonNullable<ParsedStage['groups']>[number];
/** A gate of a stage or group. */
export type ParsedGate = z.output<typeof gateSchema>;
