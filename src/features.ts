// The list of features Rapport runs. Each registers its event handlers and jobs here, called
// from main.ts; nothing registers itself at import time.
import type { Feature } from './core/features.ts';
import { registerDailyRollup } from './core/engagement/daily-rollup.ts';
import { registerAmbassadors } from './core/ambassadors/register-ambassadors.ts';

export const features: Feature[] = [
  (_registry, services) => registerDailyRollup(services),
  registerAmbassadors,
];
