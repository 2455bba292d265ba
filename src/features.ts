// The list of features Rapport runs. Each registers its event handlers and jobs here, called
// from main.ts; nothing registers itself at import time.
import type { Feature } from './core/features.ts';
import { registerDailyRollup } from './core/engagement/daily-rollup.ts';
import { registerAmbassadors } from './core/ambassadors/register-ambassadors.ts';
import { registerRecognition } from './core/recognition/register-recognition.ts';
import { registerShoutouts } from './core/shoutouts/register-shoutouts.ts';
import { registerAnswering } from './core/answering/register-answering.ts';
import { registerRouting } from './core/routing/register-routing.ts';

export const features: Feature[] = [
  (_registry, services) => registerDailyRollup(services),
  // First: a question's reply should not wait for the other features.
  registerAnswering,
  // Before ambassadors: the funnel reads the scores this message just changed.
  registerRecognition,
  registerShoutouts,
  registerAmbassadors,
  // Last: a question's delayed check is queued once the other features have seen the message.
  registerRouting,
];
