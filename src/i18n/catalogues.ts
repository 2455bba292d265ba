// All message catalogues, one file per feature and language. Add a feature's pair here.
import enCommon from './en/common.ts';
import bgCommon from './bg/common.ts';
import enDashboard from './en/dashboard.ts';
import bgDashboard from './bg/dashboard.ts';

export type Catalogue = { [key: string]: string | Catalogue };

export const catalogues: { en: Catalogue; bg: Catalogue } = {
  en: { ...enCommon, ...enDashboard },
  bg: { ...bgCommon, ...bgDashboard },
};
