// What a member's home page shows (a leaf module: adapters and the core share it without cycles).
import type { OutgoingMessage } from '../outgoing.ts';

export interface HomeView {
  /** Shown in order, each as its own block (Slack: sections between dividers). */
  sections: OutgoingMessage[];
}
