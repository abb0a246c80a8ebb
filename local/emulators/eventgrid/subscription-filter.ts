/**
 * Event Grid's basic subscription filter: the event type must be one of `includedEventTypes`
 * (all types when absent) and the subject must begin and end with the given strings. Like
 * Event Grid's defaults (`isSubjectCaseSensitive: false`), every comparison ignores case.
 */

/** The filter part of a subscription. */
export interface SubscriptionFilter {
  includedEventTypes?: readonly string[] | undefined;
  subjectBeginsWith?: string | undefined;
  subjectEndsWith?: string | undefined;
}

/** True when an event with this type and subject is delivered to a subscription with this filter. */
export function matchesFilter(filter: SubscriptionFilter, event: { eventType: string; subject: string | undefined }): boolean {
  const type = event.eventType.toLowerCase();
  const subject = (event.subject ?? '').toLowerCase();
  if (filter.includedEventTypes && !filter.includedEventTypes.some((t) => t.toLowerCase() === type)) return false;
  if (filter.subjectBeginsWith && !subject.startsWith(filter.subjectBeginsWith.toLowerCase())) return false;
  if (filter.subjectEndsWith && !subject.endsWith(filter.subjectEndsWith.toLowerCase())) return false;
  return true;
}
