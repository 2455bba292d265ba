// The answering feature: questions in watched channels, votes on answers, member replies in the
// questions' threads and reactions to them (see create-answering.ts). A failure is logged by the
// pipeline and never stops the other features.
import { defineFeature } from '../../feature.ts';

export const answeringFeature = defineFeature({
  name: 'answering',
  needs: ['answering', 'communities', 'lifecycle'],
  async register(registry, { answering, communities, lifecycle }) {
    // Build the communities' indexes now, in the background: a large knowledge base takes seconds.
    const communityIds = (await communities.list()).map((c) => c.id);
    answering.cache.warm(communityIds);
    answering.semantic?.warm(communityIds, (id) => answering.cache.get(id));
    lifecycle.onStop(async () => {
      await answering.flush();
      await answering.cache.idle();
      await answering.semantic?.close();
    });
    registry.on('message.posted', async (event, { language }) => {
      await answering.onMessage(event, language);
    });
    registry.on('button.pressed', async (event, { language }) => {
      await answering.feedback.onButton(event, language);
    });
    registry.on('reaction.added', (event) => answering.feedback.onReaction(event));
    registry.on('reaction.removed', (event) => answering.feedback.onReaction(event));
  },
});
