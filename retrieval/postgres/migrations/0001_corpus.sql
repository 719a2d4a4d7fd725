-- patientqa schema, version 1: the vetted corpus and the version replicas serve.
-- Runs on native Postgres with pgvector >= 0.7 and on PGlite (Postgres 18, pgvector 0.8).

CREATE EXTENSION IF NOT EXISTS vector;

-- One row: the corpus now in the database. version goes up by one on every ingest that changes
-- anything; replicas compare it with the version they serve (LISTEN/NOTIFY, else polling).
CREATE TABLE corpus_state (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version     bigint      NOT NULL,
    label       text        NOT NULL, -- content hash of the corpus files (the API's corpus_version)
    concepts    bytea       NOT NULL, -- concepts.yaml the corpus was ingested with
    embedder    text        NOT NULL, -- name of the embedder of passage_embeddings; '' for none
    dims        integer     NOT NULL, -- dimension of passage_embeddings.embedding; 0 for none
    ingested_at timestamptz NOT NULL DEFAULT now()
);

-- Documents as the editors wrote them (front matter + Markdown), so every replica parses
-- exactly the same corpus. A document that disappears from the corpus is retired, not deleted:
-- its row says when, and its passages go.
CREATE TABLE documents (
    id              text PRIMARY KEY, -- lookups by id are the only access besides full scans
    file_name       text        NOT NULL,
    lang            text        NOT NULL,
    status          text        NOT NULL,
    content_hash    text        NOT NULL, -- sha256 of source: an unchanged document is skipped
    source          bytea       NOT NULL,
    retired_at      timestamptz,
    updated_version bigint      NOT NULL
);

-- Passages: the retrieval units (key points and paragraphs) of live documents. Replicas read
-- them all to build their BM25 index; dense search joins them by id.
CREATE TABLE passages (
    id        text PRIMARY KEY,
    doc_id    text    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    lang      text    NOT NULL,
    kind      text    NOT NULL,
    idx       integer NOT NULL,
    heading   text    NOT NULL,
    text      text    NOT NULL,
    text_hash text    NOT NULL -- sha256 of heading and text: what the embedding was made from
);
-- Ingest replaces and retires passages document by document.
CREATE INDEX passages_doc_id ON passages (doc_id);
