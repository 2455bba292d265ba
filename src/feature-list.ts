// The list of features Rapport runs. Each registers its event handlers and jobs here, called
// from main.ts with the ports it declared; nothing registers itself at import time.
import type { Feature } from './core/feature.ts';
import { dailyRollupFeature } from './core/engagement/daily-rollup.ts';
import { ambassadorsFeature } from './core/ambassadors/register-ambassadors.ts';
import { recognitionFeature } from './core/recognition/register-recognition.ts';
import { shoutoutsFeature } from './core/shoutouts/register-shoutouts.ts';
import { answeringFeature } from './core/answers/feature/register-answering.ts';
import { learningFeature } from './core/learning/register-learning.ts';
import { routingFeature } from './core/routing/register-routing.ts';
import { roleRewardsFeature } from './core/rewards/register-role-rewards.ts';
import { noticesFeature } from './core/outbox/register-notices.ts';

export const features: Feature[] = [
  dailyRollupFeature,
  // First: a question's reply should not wait for the other features.
  answeringFeature,
  // Before ambassadors: the funnel reads the scores this message just changed.
  recognitionFeature,
  shoutoutsFeature,
  ambassadorsFeature,
  learningFeature,
  // After recognition and ambassadors: a member's points and stage are up to date.
  roleRewardsFeature,
  // Last: a question's delayed check is queued once the other features have seen the message.
  routingFeature,
  // The outbox relay for notices to moderators and threads (it listens to no event).
  noticesFeature,
];
