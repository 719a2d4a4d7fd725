package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pgvector/pgvector-go"

	"patientqa"
	"patientqa/corpus"
)

// ErrEmpty means nothing was ingested into the database yet.
var ErrEmpty = errors.New("the database holds no corpus yet: run `go run ./cmd/corpus ingest -db URL`")

// Snapshot is one corpus version as stored: what a replica serves.
type Snapshot struct {
	Version  int64
	Corpus   *corpus.Corpus
	Passages []*patientqa.Passage // of live documents, as stored
	Embedder string               // name of the embedder of the stored vectors; "" for none
	Dims     int
}

// Snapshot reads the current corpus in one read-only, repeatable-read transaction, so that the
// documents, passages and version belong together even while an ingest commits.
func (db *DB) Snapshot(ctx context.Context) (*Snapshot, error) {
	tx, err := db.Pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	s := &Snapshot{}
	var label string
	var concepts []byte
	err = tx.QueryRow(ctx, `SELECT version, label, concepts, embedder, dims FROM corpus_state`).
		Scan(&s.Version, &label, &concepts, &s.Embedder, &s.Dims)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrEmpty
	}
	if err != nil {
		return nil, err
	}
	files := corpus.Files{Docs: map[string][]byte{}, Concepts: concepts}
	rows, err := tx.Query(ctx, `SELECT file_name, source FROM documents WHERE retired_at IS NULL`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var name string
		var src []byte
		if err := rows.Scan(&name, &src); err != nil {
			return nil, err
		}
		files.Docs[name] = src
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if s.Corpus, err = files.Load(); err != nil {
		return nil, fmt.Errorf("corpus version %d: %w", s.Version, err)
	}
	if s.Corpus.Version != label {
		return nil, fmt.Errorf("corpus version %d: the stored files hash to %s, not %s", s.Version, s.Corpus.Version, label)
	}
	rows, err = tx.Query(ctx, `SELECT id, doc_id, lang, kind, idx, heading, text FROM passages ORDER BY doc_id COLLATE "C", kind COLLATE "C", idx`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		p := &patientqa.Passage{}
		var lang string
		if err := rows.Scan(&p.ID, &p.DocID, &lang, &p.Kind, &p.Index, &p.Heading, &p.Text); err != nil {
			return nil, err
		}
		p.Lang = patientqa.Lang(lang)
		s.Passages = append(s.Passages, p)
	}
	return s, rows.Err()
}

// Dense is dense retrieval over the stored embeddings of one snapshot: the question is embedded
// and its nearest passages in its language come from the HNSW index. Passages not in the
// snapshot (written by a newer ingest the replica has not loaded yet) are skipped.
type Dense struct {
	db       *DB
	embedder Embedder
	byID     map[string]*patientqa.Passage
	timeout  time.Duration
	exact    bool
	ef       int // hnsw.ef_search for this retriever's queries; 0: the connection's (EFSearch)
}

// NewDense returns dense retrieval for s with e, which must be the embedder the snapshot's
// vectors were made with. Each search gives up after timeout (default 2s).
func (db *DB) NewDense(s *Snapshot, e Embedder, timeout time.Duration) (*Dense, error) {
	if e.Name() != s.Embedder {
		stored := s.Embedder
		if stored == "" {
			stored = "none"
		}
		return nil, fmt.Errorf("the database's vectors come from embedder %q, askd is configured with %q: ingest again with the same -embedder", stored, e.Name())
	}
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	byID := make(map[string]*patientqa.Passage, len(s.Passages))
	for _, p := range s.Passages {
		byID[p.ID] = p
	}
	return &Dense{db: db, embedder: e, byID: byID, timeout: timeout}, nil
}

// Exact returns a copy that searches without the index (a sequential scan): the reference for
// measuring the recall of HNSW.
func (d *Dense) Exact() *Dense {
	c := *d
	c.exact = true
	return &c
}

// WithEFSearch returns a copy whose searches use an HNSW candidate list of ef (for measuring
// the trade of recall against latency).
func (d *Dense) WithEFSearch(ef int) *Dense {
	c := *d
	c.ef = ef
	return &c
}

// denseQuery is the search in one language. The language is written literally (from the fixed
// Languages, never from a request) so that the planner matches the partial index's predicate;
// the vector and k are parameters.
func denseQuery(l patientqa.Lang) string {
	return fmt.Sprintf(`SELECT passage_id, embedding <=> $1 FROM passage_embeddings WHERE lang = '%s' ORDER BY embedding <=> $1 LIMIT $2`, l)
}

var denseQueries = func() map[patientqa.Lang]string {
	m := map[patientqa.Lang]string{}
	for _, l := range Languages {
		m[l] = denseQuery(l)
	}
	return m
}()

// Retrieve implements patientqa.Retriever; Score is the cosine similarity.
func (d *Dense) Retrieve(ctx context.Context, q patientqa.Query, k int) ([]patientqa.Scored, error) {
	sql, ok := denseQueries[q.Lang]
	if !ok {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	vecs, err := d.embedder.Embed(ctx, []string{q.Text})
	if err != nil {
		return nil, fmt.Errorf("embedding the question: %w", err)
	}
	if len(vecs) != 1 {
		return nil, errors.New("embedding the question: no vector")
	}
	v := pgvector.NewVector(vecs[0])
	var rows pgx.Rows
	if d.exact || d.ef > 0 {
		tx, err := d.db.Pool.Begin(ctx)
		if err != nil {
			return nil, err
		}
		defer tx.Rollback(ctx)
		set := fmt.Sprintf(`SET LOCAL hnsw.ef_search = %d`, d.ef)
		if d.exact {
			set = `SET LOCAL enable_indexscan = off`
		}
		if _, err := tx.Exec(ctx, set); err != nil {
			return nil, err
		}
		rows, err = tx.Query(ctx, sql, v, k)
		if err != nil {
			return nil, err
		}
	} else if rows, err = d.db.Pool.Query(ctx, sql, v, k); err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []patientqa.Scored
	for rows.Next() {
		var id string
		var dist float64
		if err := rows.Scan(&id, &dist); err != nil {
			return nil, err
		}
		if p := d.byID[id]; p != nil {
			out = append(out, patientqa.Scored{Passage: p, Score: 1 - dist})
		}
	}
	return out, rows.Err()
}
