// The recognition feature: feeds messages, reactions and joins to the recognition service (one
// engine per process, write-behind store), and writes cached scores to the database every few
// seconds and when Rapport stops.
import { defineFeature } from '../feature.ts';

export const FLUSH_EVERY_MS = 5_000;

export const recognitionFeature = defineFeature({
  name: 'recognition',
  needs: ['recognition', 'logger', 'lifecycle'],
  register(registry, { recognition, logger, lifecycle }) {
    registry.on('message.posted', async (event, { community }) => {
      await recognition.onMessage(community, event);
    });
    registry.on('reaction.added', async (event, { community }) => {
      await recognition.onReaction(community, event);
    });
    // A removed reaction takes back what it earned (recognition-engine.ts, takeBack).
    registry.on('reaction.removed', async (event, { community }) => {
      await recognition.onReaction(community, event);
    });
    registry.on('member.joined', (event, { community }) => recognition.onMemberJoined(community, event));

    const flush = async (): Promise<void> => {
      try {
        await recognition.flush();
      } catch (error) {
        logger.error({ err: error }, 'recognition scores could not be written; retrying on the next flush');
      }
    };
    // Every process keeps its own cache, so every process flushes its own (not a queue job).
    const timer = setInterval(() => void flush(), FLUSH_EVERY_MS);
    timer.unref();
    lifecycle.onStop(async () => {
      clearInterval(timer);
      await recognition.flush();
    });
  },
});
