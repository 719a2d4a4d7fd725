package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pgvector/pgvector-go"

	"patientqa"
	"patientqa/corpus"
	"patientqa/retrieval"
)

// Embedder is a patientqa.Embedder with a name telling its vectors apart from other
// embedders' (llm.Embedder is one).
type Embedder interface {
	patientqa.Embedder
	Name() string
}

// Languages are the corpus languages; each has its own partial HNSW index.
var Languages = []patientqa.Lang{patientqa.LangZh, patientqa.LangEn}

// IngestOptions configures Ingest.
type IngestOptions struct {
	Embedder Embedder           // nil: no embeddings (replicas retrieve lexically only)
	Lint     corpus.LintOptions // Now defaults to the current time
	Batch    int                // texts per embedder call (default 128)
}

// IngestReport says what an ingest did.
type IngestReport struct {
	Version   int64  // corpus version after the ingest
	Label     string // content hash of the corpus
	Changed   bool   // false when the database already held exactly this corpus
	Added     int    // documents new to the database
	Updated   int    // documents whose file changed (or that came back after retirement)
	Unchanged int
	Retired   int // documents that disappeared from the corpus
	Passages  int // passages of live documents
	Embedded  int // passages embedded by this ingest
	Duration  time.Duration
}

// LintError is returned when the corpus fails the lint: nothing was ingested.
type LintError struct{ Problems []corpus.Problem }

func (e *LintError) Error() string {
	return fmt.Sprintf("the corpus has %d lint problems; nothing was ingested (first: %s)", len(e.Problems), e.Problems[0])
}

// Ingest loads the corpus files into the database in one transaction, after the lint passes.
// Documents are matched by id and content hash: unchanged ones are left alone, changed and new
// ones are written with their passages, ones that disappeared are retired. Only passages whose
// text changed (or that lack an embedding by the configured embedder) are embedded. When
// anything changed the corpus version goes up by one and a notification is sent on Channel.
// Running it twice with the same files changes nothing the second time.
func (db *DB) Ingest(ctx context.Context, files corpus.Files, opt IngestOptions) (IngestReport, error) {
	c, err := files.Load()
	if err != nil {
		return IngestReport{}, err
	}
	if opt.Lint.Now.IsZero() {
		opt.Lint.Now = time.Now()
	}
	if problems := corpus.Lint(c, opt.Lint); len(problems) > 0 {
		return IngestReport{}, &LintError{Problems: problems}
	}
	return db.ingest(ctx, files, c, opt)
}

type state struct {
	version  int64
	label    string
	concepts []byte
	embedder string
	dims     int
}

func (db *DB) ingest(ctx context.Context, files corpus.Files, c *corpus.Corpus, opt IngestOptions) (IngestReport, error) {
	started := time.Now()
	rep := IngestReport{Label: c.Version}
	if opt.Batch <= 0 {
		opt.Batch = 128
	}
	// The embedder is asked for its dimension before the transaction, so that an unreachable
	// model fails the ingest before anything is locked.
	var embedName string
	var dims int
	if opt.Embedder != nil {
		probe, err := opt.Embedder.Embed(ctx, []string{"patientqa"})
		if err != nil {
			return rep, fmt.Errorf("embedder %s: %w", opt.Embedder.Name(), err)
		}
		if len(probe) != 1 || len(probe[0]) == 0 || len(probe[0]) > 16000 {
			return rep, fmt.Errorf("embedder %s returned no usable vector", opt.Embedder.Name())
		}
		embedName, dims = opt.Embedder.Name(), len(probe[0])
	}

	tx, err := db.Pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return rep, err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey); err != nil {
		return rep, err
	}
	var st state
	err = tx.QueryRow(ctx, `SELECT version, label, concepts, embedder, dims FROM corpus_state FOR UPDATE`).
		Scan(&st.version, &st.label, &st.concepts, &st.embedder, &st.dims)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return rep, fmt.Errorf("reading corpus_state (run `corpus migrate` first?): %w", err)
	}
	next := st.version + 1

	changed, err := writeDocuments(ctx, tx, files, c, next, &rep)
	if err != nil {
		return rep, err
	}
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM passages`).Scan(&rep.Passages); err != nil {
		return rep, err
	}
	if st.embedder != embedName || (opt.Embedder != nil && st.dims != dims) {
		changed = true
		if err := resetEmbeddings(ctx, tx, st.dims, dims); err != nil {
			return rep, err
		}
		if dims != 0 {
			st.dims = dims
		}
	}
	if opt.Embedder != nil {
		if rep.Embedded, err = embedMissing(ctx, tx, opt.Embedder, dims, opt.Batch); err != nil {
			return rep, err
		}
		if err := createIndexes(ctx, tx); err != nil {
			return rep, err
		}
	}
	if string(st.concepts) != string(c.ConceptsSource) || st.label != c.Version {
		changed = true
	}
	rep.Changed = changed || rep.Embedded > 0
	rep.Version = st.version
	if rep.Changed {
		rep.Version = next
		_, err = tx.Exec(ctx, `INSERT INTO corpus_state (singleton, version, label, concepts, embedder, dims, ingested_at)
			VALUES (true, $1, $2, $3, $4, $5, now())
			ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version, label = EXCLUDED.label,
				concepts = EXCLUDED.concepts, embedder = EXCLUDED.embedder, dims = EXCLUDED.dims, ingested_at = now()`,
			next, c.Version, c.ConceptsSource, embedName, st.dims)
		if err != nil {
			return rep, err
		}
		if _, err := tx.Exec(ctx, `SELECT pg_notify($1, $2)`, Channel, strconv.FormatInt(next, 10)); err != nil {
			return rep, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return rep, err
	}
	rep.Duration = time.Since(started)
	return rep, nil
}

// writeDocuments upserts changed and new documents with their passages and retires documents
// that are gone; it reports whether anything changed.
func writeDocuments(ctx context.Context, tx pgx.Tx, files corpus.Files, c *corpus.Corpus, version int64, rep *IngestReport) (bool, error) {
	type known struct {
		hash    string
		retired bool
	}
	have := map[string]known{}
	rows, err := tx.Query(ctx, `SELECT id, content_hash, retired_at IS NOT NULL FROM documents`)
	if err != nil {
		return false, err
	}
	for rows.Next() {
		var id string
		var k known
		if err := rows.Scan(&id, &k.hash, &k.retired); err != nil {
			return false, err
		}
		have[id] = k
	}
	if err := rows.Err(); err != nil {
		return false, err
	}

	var docs docRows
	var ps passageRows
	for _, d := range c.Docs {
		raw := files.Docs[d.Path]
		sum := sha256.Sum256(raw)
		hash := hex.EncodeToString(sum[:])
		k, ok := have[d.ID]
		switch {
		case ok && k.hash == hash && !k.retired:
			rep.Unchanged++
			continue
		case ok:
			rep.Updated++
		default:
			rep.Added++
		}
		docs.add(d, raw, hash)
		for _, p := range corpus.Passages(d) {
			ps.add(p)
		}
	}
	live := map[string]bool{}
	for _, d := range c.Docs {
		live[d.ID] = true
	}
	var gone []string
	for id, k := range have {
		if !live[id] && !k.retired {
			gone = append(gone, id)
		}
	}
	slices.Sort(gone)
	rep.Retired = len(gone)

	// Bulk statements over arrays: one round trip per chunk whatever the corpus size.
	for chunk := range docs.chunks(500) {
		_, err := tx.Exec(ctx, `INSERT INTO documents (id, file_name, lang, status, content_hash, source, retired_at, updated_version)
			SELECT id, file_name, lang, status, content_hash, source, NULL, $7
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[])
				AS t(id, file_name, lang, status, content_hash, source)
			ON CONFLICT (id) DO UPDATE SET file_name = EXCLUDED.file_name, lang = EXCLUDED.lang, status = EXCLUDED.status,
				content_hash = EXCLUDED.content_hash, source = EXCLUDED.source, retired_at = NULL,
				updated_version = EXCLUDED.updated_version`,
			chunk.id, chunk.file, chunk.lang, chunk.status, chunk.hash, chunk.source, version)
		if err != nil {
			return false, fmt.Errorf("writing documents: %w", err)
		}
	}
	for chunk := range ps.chunks(2000) {
		// A passage whose text is unchanged keeps its row (and so its embedding).
		_, err := tx.Exec(ctx, `INSERT INTO passages (id, doc_id, lang, kind, idx, heading, text, text_hash)
			SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])
			ON CONFLICT (id) DO UPDATE SET doc_id = EXCLUDED.doc_id, lang = EXCLUDED.lang, kind = EXCLUDED.kind,
				idx = EXCLUDED.idx, heading = EXCLUDED.heading, text = EXCLUDED.text, text_hash = EXCLUDED.text_hash
			WHERE passages.text_hash <> EXCLUDED.text_hash OR passages.kind <> EXCLUDED.kind OR passages.idx <> EXCLUDED.idx`,
			chunk.id, chunk.doc, chunk.lang, chunk.kind, chunk.idx, chunk.heading, chunk.text, chunk.hash)
		if err != nil {
			return false, fmt.Errorf("writing passages: %w", err)
		}
	}
	// Passages a changed document no longer has.
	if len(docs.id) > 0 {
		_, err := tx.Exec(ctx, `DELETE FROM passages WHERE doc_id = ANY($1::text[]) AND NOT (id = ANY($2::text[]))`, docs.id, ps.id)
		if err != nil {
			return false, err
		}
	}
	if len(gone) > 0 {
		if _, err := tx.Exec(ctx, `UPDATE documents SET retired_at = now(), updated_version = $2 WHERE id = ANY($1::text[])`, gone, version); err != nil {
			return false, err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM passages WHERE doc_id = ANY($1::text[])`, gone); err != nil {
			return false, err
		}
	}
	return len(docs.id) > 0 || len(gone) > 0, nil
}

// resetEmbeddings empties passage_embeddings when the embedder changed, and gives the column
// the new dimension (dropping the HNSW indexes, which createIndexes builds again).
func resetEmbeddings(ctx context.Context, tx pgx.Tx, oldDims, newDims int) error {
	if _, err := tx.Exec(ctx, `DELETE FROM passage_embeddings`); err != nil {
		return err
	}
	if newDims == 0 || newDims == oldDims {
		return nil
	}
	for _, l := range Languages {
		if _, err := tx.Exec(ctx, `DROP INDEX IF EXISTS `+indexName(l)); err != nil {
			return err
		}
	}
	// DDL takes no parameters; newDims is an int the embedder's vector length gave.
	_, err := tx.Exec(ctx, fmt.Sprintf(`ALTER TABLE passage_embeddings ALTER COLUMN embedding TYPE vector(%d)`, newDims))
	return err
}

func indexName(l patientqa.Lang) string { return "passage_embeddings_hnsw_" + string(l) }

// createIndexes builds the per-language HNSW indexes if they do not exist. They are built after
// the first load (faster than growing them row by row), and kept up to date by later inserts.
// m = 16 and ef_construction = 64 are pgvector's defaults, ample for corpora of this size.
func createIndexes(ctx context.Context, tx pgx.Tx) error {
	for _, l := range Languages {
		_, err := tx.Exec(ctx, fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON passage_embeddings
			USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64) WHERE lang = '%s'`, indexName(l), l))
		if err != nil {
			return fmt.Errorf("creating the HNSW index: %w", err)
		}
	}
	return nil
}

// embedMissing embeds every passage without an embedding of its current text.
func embedMissing(ctx context.Context, tx pgx.Tx, e Embedder, dims, batch int) (int, error) {
	rows, err := tx.Query(ctx, `SELECT p.id, p.lang, p.heading, p.text, p.text_hash
		FROM passages p LEFT JOIN passage_embeddings e ON e.passage_id = p.id
		WHERE e.passage_id IS NULL OR e.text_hash <> p.text_hash
		ORDER BY p.id`)
	if err != nil {
		return 0, err
	}
	type todo struct {
		id, lang, hash string
		p              patientqa.Passage
	}
	var list []todo
	for rows.Next() {
		var t todo
		if err := rows.Scan(&t.id, &t.lang, &t.p.Heading, &t.p.Text, &t.hash); err != nil {
			return 0, err
		}
		list = append(list, t)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for start := 0; start < len(list); start += batch {
		part := list[start:min(start+batch, len(list))]
		texts := make([]string, len(part))
		for i, t := range part {
			texts[i] = retrieval.EmbedText(&t.p)
		}
		vecs, err := e.Embed(ctx, texts)
		if err != nil {
			return start, fmt.Errorf("embedder %s: %w", e.Name(), err)
		}
		if len(vecs) != len(part) {
			return start, fmt.Errorf("embedder %s returned %d vectors for %d texts", e.Name(), len(vecs), len(part))
		}
		ids, langs, hashes, vs := make([]string, len(part)), make([]string, len(part)), make([]string, len(part)), make([]string, len(part))
		for i, t := range part {
			if len(vecs[i]) != dims {
				return start, fmt.Errorf("embedder %s returned a vector of %d dimensions, not %d", e.Name(), len(vecs[i]), dims)
			}
			ids[i], langs[i], hashes[i], vs[i] = t.id, t.lang, t.hash, pgvector.NewVector(vecs[i]).String()
		}
		_, err = tx.Exec(ctx, `INSERT INTO passage_embeddings (passage_id, lang, text_hash, embedding)
			SELECT id, lang, hash, v::vector FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(id, lang, hash, v)
			ON CONFLICT (passage_id) DO UPDATE SET lang = EXCLUDED.lang, text_hash = EXCLUDED.text_hash, embedding = EXCLUDED.embedding`,
			ids, langs, hashes, vs)
		if err != nil {
			return start, fmt.Errorf("writing embeddings: %w", err)
		}
	}
	return len(list), nil
}

// TextHash is the hash stored with a passage: of what is embedded, its heading and text.
func TextHash(p *patientqa.Passage) string {
	sum := sha256.Sum256([]byte(retrieval.EmbedText(p)))
	return hex.EncodeToString(sum[:16])
}

type docRows struct {
	id, file, lang, status, hash []string
	source                       [][]byte
}

func (r *docRows) add(d *patientqa.Document, raw []byte, hash string) {
	r.id = append(r.id, d.ID)
	r.file = append(r.file, d.Path)
	r.lang = append(r.lang, string(d.Lang))
	r.status = append(r.status, d.Status)
	r.hash = append(r.hash, hash)
	r.source = append(r.source, raw)
}

func (r *docRows) chunks(n int) func(yield func(docRows) bool) {
	return func(yield func(docRows) bool) {
		for s := 0; s < len(r.id); s += n {
			e := min(s+n, len(r.id))
			if !yield(docRows{r.id[s:e], r.file[s:e], r.lang[s:e], r.status[s:e], r.hash[s:e], r.source[s:e]}) {
				return
			}
		}
	}
}

type passageRows struct {
	id, doc, lang, kind, heading, text, hash []string
	idx                                      []int32
}

func (r *passageRows) add(p *patientqa.Passage) {
	r.id = append(r.id, p.ID)
	r.doc = append(r.doc, p.DocID)
	r.lang = append(r.lang, string(p.Lang))
	r.kind = append(r.kind, p.Kind)
	r.idx = append(r.idx, int32(p.Index))
	r.heading = append(r.heading, p.Heading)
	r.text = append(r.text, p.Text)
	r.hash = append(r.hash, TextHash(p))
}

func (r *passageRows) chunks(n int) func(yield func(passageRows) bool) {
	return func(yield func(passageRows) bool) {
		for s := 0; s < len(r.id); s += n {
			e := min(s+n, len(r.id))
			if !yield(passageRows{r.id[s:e], r.doc[s:e], r.lang[s:e], r.kind[s:e], r.heading[s:e], r.text[s:e], r.hash[s:e], r.idx[s:e]}) {
				return
			}
		}
	}
}
