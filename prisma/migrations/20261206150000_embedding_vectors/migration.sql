-- Semantic search (issue 17): cached vectors of knowledge-base texts, by embeddings model and text hash.
-- CreateTable
CREATE TABLE "EmbeddingVector" (
    "model" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "dimension" INTEGER NOT NULL,
    "vector" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmbeddingVector_pkey" PRIMARY KEY ("model","hash")
);
