// The answering feature: questions in watched channels, votes on answers, member replies in the
// questions' threads and reactions to them (see create-answering.ts). A failure is logged by the
// pipeline and never stops the other features.
import type { Feature } from '../features.ts';

export const registerAnswering: Feature = (registry, services) => {
  const { answering } = services;
  registry.on('message.posted', async (event, { language }) => {
    await answering.onMessage(event, language);
  });
  registry.on('button.pressed', async (event, { language }) => {
    await answering.feedback.onButton(event, language);
  });
  registry.on('reaction.added', (event) => answering.feedback.onReaction(event));
  registry.on('reaction.removed', (event) => answering.feedback.onReaction(event));
};
