import type { JobDefinition } from '../job';
import { insightsHeadlineJob, suggestionListsJob } from './home-figures';
import { kudosDigestJob, kudosPromptJob } from './kudos';
import { retentionJob } from './retention';
import { remindersJob } from './reminders';
import { meetRoundJob } from './rounds';
import { weeklyNetworkJob } from './weekly-network';
import { welcomeJob } from './welcomes';

/** Jobs every deployment runs; adapters add their own (the Slack directory sync). */
export const CORE_JOBS: JobDefinition[] = [
  meetRoundJob,
  kudosPromptJob,
  kudosDigestJob,
  retentionJob,
  remindersJob,
  weeklyNetworkJob,
  welcomeJob,
  suggestionListsJob,
  insightsHeadlineJob,
];
