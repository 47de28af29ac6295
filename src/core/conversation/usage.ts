/**
 * A command someone typed that Rapport could not read: each is answered privately with what
 * was wrong and an example naming real colleagues (see messages/usage.ts).
 */
export type UsageProblem =
  | { code: 'kudos_who' }
  | { code: 'kudos_what' }
  | { code: 'followup_who' }
  | { code: 'followup_one' }
  | { code: 'followup_group' }
  | { code: 'followup_cancel_which'; count: number }
  | { code: 'when_unreadable'; typed: string }
  | { code: 'when_passed' }
  | { code: 'when_time_passed' }
  | { code: 'when_not_a_date'; typed: string }
  | { code: 'when_too_far' }
  | { code: 'about_too_long'; max: number }
  | { code: 'met_who' }
  | { code: 'met_too_many'; max: number }
  | { code: 'mentor_who'; role: 'mentor' | 'mentee' }
  | { code: 'mentor_one'; role: 'mentor' | 'mentee' }
  | { code: 'pause_how_long' }
  | { code: 'pause_unreadable'; typed: string }
  | { code: 'pause_passed' }
  | { code: 'pause_too_long' }
  | { code: 'nudges_unreadable'; typed: string }
  | { code: 'nudges_range' }
  | { code: 'suggestions_what' }
  | { code: 'department_what' }
  | { code: 'department_too_long'; max: number }
  | { code: 'round_page'; typed: string }
  | { code: 'admin_what'; typed: string }
  | { code: 'admin_who'; grant: boolean }
  | { code: 'insights_period'; typed: string };

export type Usage<T> = { ok: true; value: T } | { ok: false; usage: UsageProblem };
