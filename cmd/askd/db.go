package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"patientqa/llm"
	"patientqa/retrieval/postgres"
	"patientqa/server"
)

// startReplica connects to the database and starts keeping a replica current in the
// background (the replica applies the migrations the database lacks first). The database may be down at start: askd then starts not
// ready and answers 503 until it can load the corpus. stop ends the background work and closes
// the pool.
func startReplica(ctx context.Context, cfg config, log *slog.Logger, emb llm.Embedder, build postgres.BuildFunc,
	metrics *server.Metrics) (*postgres.Replica, func(), error) {
	db, err := postgres.Open(ctx, cfg.db)
	if err != nil {
		return nil, nil, fmt.Errorf("-db: %w", err)
	}
	r := &postgres.Replica{DB: db, Build: build, Poll: cfg.dbPoll, Timeout: cfg.dbTimeout, Log: log,
		OnSwap: func(s *postgres.Snapshot) {
			metrics.SetCorpus(s.Corpus.Version, len(s.Corpus.Servable(time.Now())))
		}}
	if emb != nil {
		r.Embedder = emb
	}
	// One synchronous attempt, so that a reachable database serves from the first request.
	if err := r.Refresh(ctx); err != nil {
		log.Error("corpus not loaded from the database; not ready", "error", err.Error())
	}
	rctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Run(rctx)
	}()
	return r, func() { stop(); <-done; db.Close() }, nil
}
