// All message catalogues, one file per feature and language. Add a feature's pair here.
import enCommon from './en/common.ts';
import bgCommon from './bg/common.ts';
import enAmbassadors from './en/ambassadors.ts';
import bgAmbassadors from './bg/ambassadors.ts';
import enFeedback from './en/feedback.ts';
import bgFeedback from './bg/feedback.ts';
import enPrivacy from './en/privacy.ts';
import bgPrivacy from './bg/privacy.ts';
import enDashboard from './en/dashboard.ts';
import bgDashboard from './bg/dashboard.ts';
import enRecognition from './en/recognition.ts';
import bgRecognition from './bg/recognition.ts';
import enAnswers from './en/answers.ts';
import bgAnswers from './bg/answers.ts';
import enRouting from './en/routing.ts';
import bgRouting from './bg/routing.ts';
import enSynonyms from './en/synonyms.ts';
import bgSynonyms from './bg/synonyms.ts';
import enSelfCheck from './en/self-check.ts';
import bgSelfCheck from './bg/self-check.ts';
import enLearning from './en/learning.ts';
import bgLearning from './bg/learning.ts';
import enConsoleRun from './en/console-run.ts';
import bgConsoleRun from './bg/console-run.ts';
import enHome from './en/home.ts';
import bgHome from './bg/home.ts';
import enRewards from './en/rewards.ts';
import bgRewards from './bg/rewards.ts';
import enMoving from './en/moving.ts';
import bgMoving from './bg/moving.ts';
import enLinking from './en/linking.ts';
import bgLinking from './bg/linking.ts';

export type Catalogue = { [key: string]: string | Catalogue };

export const catalogues: { en: Catalogue; bg: Catalogue } = {
  en: { ...enCommon, ...enDashboard, ...enAmbassadors, ...enFeedback, ...enPrivacy, ...enRecognition, ...enAnswers, ...enSynonyms, ...enSelfCheck, ...enLearning, ...enConsoleRun, ...enRouting, ...enHome, ...enRewards, ...enMoving, ...enLinking },
  bg: { ...bgCommon, ...bgDashboard, ...bgAmbassadors, ...bgFeedback, ...bgPrivacy, ...bgRecognition, ...bgAnswers, ...bgSynonyms, ...bgSelfCheck, ...bgLearning, ...bgConsoleRun, ...bgRouting, ...bgHome, ...bgRewards, ...bgMoving, ...bgLinking },
};
