-- patientqa schema, version 2: passage embeddings for dense retrieval.
--
-- The column has no dimension here: the dimension is the embedder's, known at the first
-- ingest, which sets it (ALTER ... TYPE vector(N)) and then creates the HNSW indexes, one per
-- corpus language (partial indexes, so a search in Chinese never scans English vectors and
-- needs no filter after the index scan). HNSW rather than IVFFlat: it needs no training data,
-- so it can be built on an empty table and kept up to date by inserts, and its recall at small
-- ef_search is better. Cosine ops, because embedders are compared by the angle of their vectors.
CREATE TABLE passage_embeddings (
    passage_id text PRIMARY KEY REFERENCES passages (id) ON DELETE CASCADE,
    lang       text   NOT NULL,
    text_hash  text   NOT NULL, -- passages.text_hash it was made from: a changed passage is re-embedded
    embedding  vector NOT NULL
);
