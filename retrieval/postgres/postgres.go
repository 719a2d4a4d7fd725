// Package postgres stores the vetted corpus in Postgres with pgvector, for operators who run
// several stateless askd replicas over one database.
//
// The schema is versioned SQL under migrations/, embedded in the binary and applied in order
// (Migrate) by askd at start and by `corpus migrate`. Ingest loads a corpus in one transaction:
// documents are upserted by id and content hash, documents that disappeared are retired, only
// passages whose text changed are embedded again, and the corpus version goes up by one when
// anything changed (and a notification tells replicas). A Replica serves answers from the
// database: it builds the same engine as the embedded default from the documents and passages
// stored there, adds dense candidates from pgvector (HNSW, cosine) fused by RRF, and swaps in
// a new engine when the corpus version changes, without dropping a request.
//
// Every statement is parameterised; the only values formatted into SQL are the vector
// dimension (an int from the embedder) and the corpus language (a constant), in DDL and in the
// per-language queries that must name their partial index's predicate literally.
//
// Statements are sent in pgx's exec mode (unnamed prepared statements) unless the URL sets
// default_query_exec_mode: that works on native Postgres and behind a transaction-pooling
// PgBouncer. PGlite's multiplexing socket server shares one session among all connections, so
// there the URL must say default_query_exec_mode=simple_protocol (as the tests' URL does).
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Channel is the LISTEN/NOTIFY channel on which ingest announces a new corpus version.
const Channel = "patientqa_corpus"

// EFSearch is the size of HNSW's dynamic candidate list at query time (hnsw.ef_search).
var EFSearch = 100

// lockKey is the advisory lock that serialises migrations and ingests across processes.
const lockKey = 7_412_001

// DB is a connection pool to the patientqa database.
type DB struct {
	Pool *pgxpool.Pool
	url  string
}

// Open connects to the database at url (a postgres:// URL or key=value string; pgxpool
// settings such as pool_max_conns may be given in it). It checks the connection once.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := Config(url)
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &DB{Pool: pool, url: url}, nil
}

// Config parses url into a pool configuration with the settings this package relies on.
func Config(url string) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL, password included: say only what is wrong.
		return nil, errors.New("the database URL is not valid (want postgres://user:password@host:port/db)")
	}
	if !strings.Contains(url, "default_query_exec_mode") {
		cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeExec
	}
	if cfg.ConnConfig.ConnectTimeout == 0 || cfg.ConnConfig.ConnectTimeout > 5*time.Second {
		cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	}
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = "patientqa"
	}
	cfg.HealthCheckPeriod = 10 * time.Second
	// HNSW returns at most ef_search candidates (pgvector's default 40, the number of passages
	// the engine asks for). A wider search list costs little at this corpus size and keeps the
	// approximate ranking close to the exact one (see the recall measurement in the tests).
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		_, err := c.Exec(ctx, fmt.Sprintf("SET hnsw.ef_search = %d", EFSearch))
		return err
	}
	return cfg, nil
}

// Close closes the pool.
func (db *DB) Close() { db.Pool.Close() }

// Ping checks that the database answers within d.
func (db *DB) Ping(ctx context.Context, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return db.Pool.Ping(ctx)
}

// Migration is one versioned schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations in version order.
func Migrations() ([]Migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its version number", base)
		}
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: strings.TrimSuffix(base, ".sql"), SQL: string(b)})
	}
	slices.SortFunc(out, func(a, b Migration) int { return a.Version - b.Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: versions must run 1, 2, 3… without gaps", m.Name)
		}
	}
	return out, nil
}

// Migrate applies the migrations the database lacks, each in its own transaction, under an
// advisory lock so that replicas starting together apply each one once. It returns the names
// of the migrations it applied (none when the schema is current). A database whose schema is
// newer than this binary is an error: an old binary must not serve a schema it does not know.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	ms, err := Migrations()
	if err != nil {
		return nil, err
	}
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer PRIMARY KEY,
		name       text        NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return nil, fmt.Errorf("creating schema_migrations: %w", err)
	}
	var applied []string
	for _, m := range ms {
		done, err := db.apply(ctx, conn.Conn(), m)
		if err != nil {
			return applied, err
		}
		if done {
			applied = append(applied, m.Name)
		}
	}
	var newest int
	if err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
		return applied, err
	}
	if newest > len(ms) {
		return applied, fmt.Errorf("the database schema is at version %d; this binary knows up to %d: upgrade patientqa", newest, len(ms))
	}
	return applied, nil
}

// apply runs one migration unless it was applied already; it reports whether it ran it.
func (db *DB) apply(ctx context.Context, conn *pgx.Conn, m Migration) (bool, error) {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey); err != nil {
		return false, err
	}
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, m.Version).Scan(&exists); err != nil {
		return false, err
	}
	if exists {
		return false, nil
	}
	if _, err := tx.Exec(ctx, m.SQL); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
		return false, err
	}
	return true, tx.Commit(ctx)
}

// Version returns the corpus version in the database, 0 if nothing was ingested yet.
func (db *DB) Version(ctx context.Context) (int64, error) {
	var v int64
	err := db.Pool.QueryRow(ctx, `SELECT version FROM corpus_state`).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return v, err
}
