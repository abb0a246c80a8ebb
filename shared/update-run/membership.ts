import type { FleetMember, UpdateGroup, UpdateRunStrategy, UpdateStage } from '../fleet/models.js';
import { matchesLabels, parseLabelSelector } from '../fleet/validation/label-selector.js';

/** The name of the single stage and group of the default strategy ("all members, one by one"). */
export const defaultStageName = 'default';
/** See {@link defaultStageName}. */
export const defaultGroupName = 'default';

/** The strategy a run without one follows: one stage, one group, every member one by one. */
export const defaultStrategy: UpdateRunStrategy = { stages: [{ name: defaultStageName, groups: [{ name: defaultGroupName }] }] };

/** A group with the members it resolves to. */
export interface ResolvedGroup {
  group: UpdateGroup;
  members: FleetMember[];
}

/** A stage with its resolved groups. */
export interface ResolvedStage {
  stage: UpdateStage;
  groups: ResolvedGroup[];
}

const selects = (selector: string | undefined, target: string, member: FleetMember): boolean =>
  selector === undefined || matchesLabels(parseLabelSelector(selector, target), member.properties.labels ?? {});

/**
 * Resolves a strategy's groups to members: by the member's `group` name, or by label selectors
 * (a stage selector filters the stage's members; a group selector picks within them; a stage
 * with a selector and no groups is one implicit group named after the stage). The default
 * strategy's single group takes every member. Members are ordered by name. A member matched by
 * several groups belongs to the first; members matched by no group are not part of the run
 * (reference §2.6, our documented choices).
 */
export function resolveMembership(strategy: UpdateRunStrategy | undefined, members: FleetMember[]): ResolvedStage[] {
  const sorted = [...members].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const effective = strategy ?? defaultStrategy;
  // A member is updated once per run: the first group (in strategy order) that matches it takes it.
  const taken = new Set<string>();
  const claim = (list: FleetMember[]): FleetMember[] => list.filter((m) => !taken.has(m.name.toLowerCase()) && (taken.add(m.name.toLowerCase()), true));
  return effective.stages.map((stage, s) => {
    const stageMembers = sorted.filter((m) => selects(stage.memberSelector?.byLabel, `properties.strategy.stages[${s}].memberSelector.byLabel`, m));
    if (!strategy) return { stage, groups: [{ group: { name: defaultGroupName }, members: claim(sorted) }] };
    const groups = stage.groups?.length ? stage.groups : [{ name: stage.name }];
    return {
      stage,
      groups: groups.map((group, g) => ({
        group,
        members: claim(stageMembers.filter((m) =>
          group.memberSelector || (stage.memberSelector && !stage.groups?.length)
            ? selects(group.memberSelector?.byLabel, `properties.strategy.stages[${s}].groups[${g}].memberSelector.byLabel`, m)
            : m.properties.group?.toLowerCase() === group.name.toLowerCase(),
        )),
      })),
    };
  });
}
