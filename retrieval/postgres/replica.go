package postgres

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"patientqa"
)

// Engine answers questions from one snapshot; *answer.Engine is one.
type Engine interface {
	Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error)
	AskStream(ctx context.Context, q patientqa.Question, emit func(sentence string)) (*patientqa.Answer, error)
}

// BuildFunc builds the engine of a snapshot; dense is nil when no embedder is configured.
type BuildFunc func(s *Snapshot, dense patientqa.Retriever) (Engine, error)

// Replica serves answers from the database. It keeps the engine of the newest corpus version,
// notices a new version by LISTEN/NOTIFY or, as a fallback, by polling, and swaps the engine
// atomically: a request already answering finishes on the engine it started with. While the
// database does not answer, the replica is not ready and every question gets EUNAVAILABLE at
// once; when it answers again the replica recovers by itself.
type Replica struct {
	DB       *DB
	Embedder Embedder // nil: lexical retrieval only
	Build    BuildFunc
	Poll     time.Duration // how often to check health and version (default 5s)
	Timeout  time.Duration // per database call (default 2s)
	Log      *slog.Logger
	// OnSwap, when set, is called after a new snapshot starts serving.
	OnSwap func(s *Snapshot)

	engine   atomic.Pointer[served]
	healthy  atomic.Bool
	migrated atomic.Bool
	failures atomic.Int32 // failed pings in a row
	check    chan struct{}
	once     sync.Once
}

type served struct {
	engine  Engine
	version int64
	label   string
}

func (r *Replica) init() {
	r.once.Do(func() {
		r.check = make(chan struct{}, 1)
		if r.Poll <= 0 {
			r.Poll = 5 * time.Second
		}
		if r.Timeout <= 0 {
			r.Timeout = 2 * time.Second
		}
		if r.Log == nil {
			r.Log = slog.New(slog.DiscardHandler)
		}
	})
}

// Ready reports whether the replica can answer: the database answered the last check and a
// corpus is loaded.
func (r *Replica) Ready() bool { return r.healthy.Load() && r.engine.Load() != nil }

// Version returns the corpus version served (0 before the first load) and its label.
func (r *Replica) Version() (int64, string) {
	if s := r.engine.Load(); s != nil {
		return s.version, s.label
	}
	return 0, ""
}

var errUnavailable = &patientqa.Error{Code: patientqa.EUNAVAILABLE,
	Message: "the service cannot reach its database; please try again in a minute"}

func (r *Replica) current() (Engine, error) {
	s := r.engine.Load()
	if s == nil || !r.healthy.Load() {
		return nil, errUnavailable
	}
	return s.engine, nil
}

// Ask implements server.Asker.
func (r *Replica) Ask(ctx context.Context, q patientqa.Question) (*patientqa.Answer, error) {
	e, err := r.current()
	if err != nil {
		return nil, err
	}
	return e.Ask(ctx, q)
}

// AskStream implements server.Streamer.
func (r *Replica) AskStream(ctx context.Context, q patientqa.Question, emit func(string)) (*patientqa.Answer, error) {
	e, err := r.current()
	if err != nil {
		return nil, err
	}
	return e.AskStream(ctx, q, emit)
}

// Refresh checks the database once: health, then the corpus version, loading and swapping in a
// new snapshot when the version changed. It returns the error of the check, if any.
func (r *Replica) Refresh(ctx context.Context) error {
	r.init()
	if err := r.DB.Ping(ctx, r.Timeout); err != nil {
		// One slow answer is not an outage: a busy database gets a second chance.
		if r.failures.Add(1) >= 2 || r.engine.Load() == nil {
			r.setHealthy(false, err)
		}
		return err
	}
	r.failures.Store(0)
	if !r.migrated.Load() {
		mctx, cancel := context.WithTimeout(ctx, 10*r.Timeout)
		applied, err := r.DB.Migrate(mctx)
		cancel()
		if err != nil {
			r.setHealthy(false, err)
			return err
		}
		r.migrated.Store(true)
		if len(applied) > 0 {
			r.Log.Info("database migrations applied", "migrations", applied)
		}
	}
	// The database answered: whatever fails from here on, the engine already loaded goes on
	// serving until a new one is ready.
	r.setHealthy(true, nil)
	vctx, cancel := context.WithTimeout(ctx, r.Timeout)
	v, err := r.DB.Version(vctx)
	cancel()
	if err != nil {
		return err
	}
	if cur := r.engine.Load(); cur != nil && cur.version == v {
		return nil
	}
	if v == 0 {
		r.Log.Error("nothing to serve", "error", ErrEmpty.Error())
		return ErrEmpty
	}
	// Loading a large corpus takes longer than one call; give it a generous bound.
	lctx, cancel := context.WithTimeout(ctx, 30*r.Timeout)
	defer cancel()
	s, err := r.DB.Snapshot(lctx)
	if err != nil {
		r.Log.Error("loading the corpus failed; will retry", "version", v, "error", err.Error())
		return err
	}
	var dense patientqa.Retriever
	if r.Embedder == nil && s.Embedder != "" {
		r.Log.Info("the database has passage vectors, but no -embedder is set: lexical retrieval only",
			"database_embedder", s.Embedder)
	}
	if r.Embedder != nil {
		d, err := r.DB.NewDense(s, r.Embedder, r.Timeout)
		if err != nil {
			// A mismatch of embedders is a configuration error: answer lexically rather than
			// compare vectors from different models, and say so loudly.
			r.Log.Error("dense retrieval off", "error", err.Error())
		} else {
			dense = d
		}
	}
	e, err := r.Build(s, dense)
	if err != nil {
		r.Log.Error("building the engine failed; will retry", "version", v, "error", err.Error())
		return err
	}
	r.engine.Store(&served{engine: e, version: s.Version, label: s.Corpus.Version})
	r.Log.Info("corpus loaded from the database", "version", s.Version, "corpus_version", s.Corpus.Version,
		"documents", len(s.Corpus.Docs), "passages", len(s.Passages), "embedder", s.Embedder)
	if r.OnSwap != nil {
		r.OnSwap(s)
	}
	return nil
}

func (r *Replica) setHealthy(ok bool, err error) {
	if was := r.healthy.Swap(ok); was != ok {
		if ok {
			r.Log.Info("database reachable: serving")
		} else {
			r.Log.Error("database check failed: not serving", "error", err.Error())
		}
	}
}

// Run keeps the replica current until ctx ends: a check every Poll, and at once when a
// notification announces a new version.
func (r *Replica) Run(ctx context.Context) {
	r.init()
	go r.listen(ctx)
	t := time.NewTicker(r.Poll)
	defer t.Stop()
	for {
		r.Refresh(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-r.check:
		}
	}
}

// listen waits for notifications on Channel on a connection of its own, reconnecting after a
// pause when it fails. Polling covers whatever it misses (and servers, such as PGlite's
// multiplexing socket server, that deliver notifications only to the sending connection).
func (r *Replica) listen(ctx context.Context) {
	for ctx.Err() == nil {
		err := r.listenOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		r.Log.Debug("corpus notifications interrupted", "error", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(r.Poll):
		}
	}
}

func (r *Replica) listenOnce(ctx context.Context) error {
	cctx, cancel := context.WithTimeout(ctx, r.Timeout)
	conn, err := pgx.ConnectConfig(cctx, r.DB.Pool.Config().ConnConfig)
	cancel()
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if v, err := strconv.ParseInt(n.Payload, 10, 64); err == nil {
			if cur, _ := r.Version(); cur == v {
				continue
			}
		}
		select {
		case r.check <- struct{}{}:
		default:
		}
	}
}
