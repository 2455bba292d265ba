// The VectorCache of semantic search on the database (EmbeddingVector): vectors as little-endian
// float32 bytes, keyed by model and text hash. A build's new vectors are written in one
// transaction: all of them or none.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import type { VectorCache } from '../core/answers/embeddings/index.ts';

/** Keys per query and rows per INSERT: far below PostgreSQL's 65,535 bound parameters. */
const CHUNK = 1000;

function toBytes(vector: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  vector.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return bytes;
}

function fromBytes(bytes: Uint8Array, dimension: number): Float32Array | null {
  if (bytes.byteLength !== dimension * 4) return null; // a damaged row is embedded again
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: dimension }, (_, i) => view.getFloat32(i * 4, true));
}

export function createEmbeddingVectorRepository(prisma: PrismaClient): VectorCache {
  return {
    async get(model, hashes) {
      const found = new Map<string, Float32Array>();
      for (let i = 0; i < hashes.length; i += CHUNK) {
        const rows = await prisma.embeddingVector.findMany({ where: { model, hash: { in: hashes.slice(i, i + CHUNK) } }, select: { hash: true, dimension: true, vector: true } });
        for (const row of rows) {
          const vector = fromBytes(row.vector, row.dimension);
          if (vector) found.set(row.hash, vector);
        }
      }
      return found;
    },
    async put(model, rows) {
      const data = rows.map((r) => ({ model, hash: r.hash, dimension: r.vector.length, vector: toBytes(r.vector) }));
      const chunks = Array.from({ length: Math.ceil(data.length / CHUNK) }, (_, i) => data.slice(i * CHUNK, (i + 1) * CHUNK));
      await prisma.$transaction(chunks.map((chunk) => prisma.embeddingVector.createMany({ data: chunk, skipDuplicates: true })));
    },
  };
}
