// Semantic search in the running bot (optional, issue 17). Each community's vectors are built in
// the background from its word index (cached texts are not sent again) and used only while that
// index is at the version they were built for; until then, and whenever the embeddings server
// fails, word matching answers. A question waits for its vector at most `queryTimeoutMs`. A
// failure is counted every time but logged once per outage; after one, questions skip the server
// for `retryAfterMs` (no reply waits on a server known to be down), then one question tries again.
import type { AnswerIndex } from '../index.ts';
import { buildSemanticSearch, EmbeddingError, failureOf, normalize, type EmbeddingProvider, type SemanticSearch, type VectorCache } from '../embeddings/index.ts';
import type { Logger } from '../../logger.ts';
import type { Metrics } from '../../metrics.ts';
import type { CommunityKnowledge } from '../storage/knowledge-cache.ts';

export interface EmbedProgress {
  update(done: number): void;
  stop(): void;
}

export interface SemanticAnsweringDeps {
  provider: EmbeddingProvider;
  vectors: VectorCache;
  logger: Logger;
  metrics: Pick<Metrics, 'embeddingsFailed'>;
  /** Monotonic milliseconds. */
  now(): number;
  /** How long a question waits for its vector. */
  queryTimeoutMs: number;
  /** Per batch request while building (default 10 x queryTimeoutMs, at least 30 s). */
  buildTimeoutMs?: number;
  /** After a failure, word matching alone for this long (default 30 s). */
  retryAfterMs?: number;
  /** A progress display for a build that sends `total` texts (the CLI draws a bar for large ones). */
  progress?(communityId: string, total: number): EmbedProgress | undefined;
}

export type SemanticState = 'none' | 'building' | 'ready' | 'failed';

export interface SemanticAnswering {
  readonly model: string;
  /** The index to search `text` with: words and vectors when both are ready, else the word index. */
  indexFor(communityId: string, knowledge: Pick<CommunityKnowledge, 'index' | 'kbVersion'>, text: string): Promise<AnswerIndex>;
  state(communityId: string): SemanticState;
  /** Builds these communities' vectors in the background, one after the other (at start, so the
   * first questions need not wait for a build to be started by a question). */
  warm(communityIds: readonly string[], knowledgeOf: (communityId: string) => Promise<Pick<CommunityKnowledge, 'index' | 'kbVersion'>>): void;
  /** Resolves when no build is running (tests). */
  idle(): Promise<void>;
  /** Stops building (a running build ends after its current request) and waits for it (shutdown). */
  close(): Promise<void>;
}

interface Layer {
  index: AnswerIndex;
  kbVersion: number;
  state: Exclude<SemanticState, 'none'>;
  search?: SemanticSearch;
  failedAt: number;
}

const MAX_QUERY_CHARS = 1000;

class ClosedError extends Error {}

export function createSemanticAnswering(deps: SemanticAnsweringDeps): SemanticAnswering {
  const retryAfterMs = deps.retryAfterMs ?? 30_000;
  const buildTimeoutMs = deps.buildTimeoutMs ?? Math.max(30_000, 10 * deps.queryTimeoutMs);
  const layers = new Map<string, Layer>();
  const builds = new Set<Promise<void>>();
  let downSince: number | null = null;
  let closed = false;
  /** Thrown inside a build to end it at shutdown; not a failure of the server. */
  const stopIfClosed = () => {
    if (closed) throw new ClosedError();
  };

  function failed(error: unknown, during: 'question' | 'build', communityId: string): void {
    const reason = failureOf(error);
    deps.metrics.embeddingsFailed?.(reason);
    if (downSince === null) {
      const detail = error instanceof EmbeddingError ? { detail: error.message } : { err: error };
      deps.logger.warn({ model: deps.provider.model, reason, during, communityId, ...detail }, 'semantic search failed: answering with word matching until the embeddings server answers again');
    }
    downSince = deps.now();
  }

  function succeeded(): void {
    if (downSince === null) return;
    downSince = null;
    deps.logger.info({ model: deps.provider.model }, 'embeddings server answers again: semantic search is back on');
  }

  const resting = () => downSince !== null && deps.now() - downSince < retryAfterMs;

  function build(communityId: string, knowledge: Pick<CommunityKnowledge, 'index' | 'kbVersion'>): void {
    const layer: Layer = { index: knowledge.index, kbVersion: knowledge.kbVersion, state: 'building', failedAt: 0 };
    layers.set(communityId, layer);
    let progress: EmbedProgress | undefined;
    const task = buildSemanticSearch(knowledge.index, {
      provider: deps.provider,
      cache: deps.vectors,
      timeoutMs: buildTimeoutMs,
      onProgress: (done, total) => {
        stopIfClosed();
        progress ??= deps.progress?.(communityId, total);
        progress?.update(done);
      },
      pause: async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        stopIfClosed();
      },
    })
      .then((built) => {
        Object.assign(layer, { state: 'ready', search: built.search });
        succeeded();
        deps.logger.info({ communityId, model: deps.provider.model, embedded: built.requested, refitted: built.fit.fitted }, 'semantic search ready');
      })
      .catch((error: unknown) => {
        Object.assign(layer, { state: 'failed', failedAt: deps.now() });
        if (!(error instanceof ClosedError)) failed(error, 'build', communityId);
      })
      .finally(() => {
        progress?.stop();
        builds.delete(task);
      });
    builds.add(task);
  }

  /** The ready search for this knowledge, or undefined (then a build is started when due). */
  function searchFor(communityId: string, knowledge: Pick<CommunityKnowledge, 'index' | 'kbVersion'>): SemanticSearch | undefined {
    const layer = layers.get(communityId);
    const current = layer && layer.index === knowledge.index && layer.kbVersion === knowledge.kbVersion;
    if (current && layer.state === 'ready') return layer.search;
    if (current && layer.state === 'building') return undefined;
    if (current && deps.now() - layer.failedAt < retryAfterMs) return undefined;
    if (!closed && !resting() && !(layer?.state === 'building')) build(communityId, knowledge);
    return undefined;
  }

  return {
    model: deps.provider.model,
    async indexFor(communityId, knowledge, text) {
      const search = searchFor(communityId, knowledge);
      if (!search || resting()) return knowledge.index;
      try {
        const [vector] = await deps.provider.embed([text.slice(0, MAX_QUERY_CHARS)], { timeoutMs: deps.queryTimeoutMs });
        if (!vector || vector.length !== search.dimension) {
          throw new EmbeddingError('dimension', `a question's vector has ${vector?.length ?? 0} numbers, the knowledge base's have ${search.dimension} (did the model behind "${deps.provider.model}" change?)`);
        }
        succeeded();
        const unit = normalize(vector);
        return search.asIndex((query) => (query === text ? unit : undefined));
      } catch (error) {
        failed(error, 'question', communityId);
        return knowledge.index;
      }
    },
    state(communityId) {
      return layers.get(communityId)?.state ?? 'none';
    },
    warm(communityIds, knowledgeOf) {
      const task = (async () => {
        for (const id of communityIds) {
          if (resting() || closed) return;
          searchFor(id, await knowledgeOf(id));
          while (layers.get(id)?.state === 'building') await Promise.all([...builds].filter((b) => b !== task));
        }
      })()
        .catch((error: unknown) => deps.logger.error({ err: error }, 'semantic search warm-up failed; communities build their vectors on their first question'))
        .finally(() => builds.delete(task));
      builds.add(task);
    },
    async idle() {
      while (builds.size > 0) await Promise.all([...builds]);
    },
    async close() {
      closed = true;
      while (builds.size > 0) await Promise.all([...builds]);
    },
  };
}
