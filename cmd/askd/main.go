// Command askd serves patientqa over HTTP: POST /ask, GET /healthz, GET /readyz.
//
// With no flags it answers from the corpus compiled into the binary, with lexical retrieval and
// extractive answers: no database, no model, no network. Every flag has an environment twin
// PATIENTQA_<FLAG> (upper case, '-' -> '_'); a flag on the command line wins over the
// environment.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"patientqa"
	"patientqa/answer"
	"patientqa/corpus"
	"patientqa/inbox"
	"patientqa/llm"
	"patientqa/normalize"
	"patientqa/prompts"
	"patientqa/retrieval"
	"patientqa/retrieval/postgres"
	"patientqa/server"
	"patientqa/verify"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "askd:", err)
		os.Exit(1)
	}
}

// config is every setting of askd.
type config struct {
	addr            string
	corpusDir       string
	shutdownTimeout time.Duration
	answerTimeout   time.Duration
	corsOrigins     string
	frameAncestors  string
	rateLimit       float64
	rateBurst       int
	maxInFlight     int
	inboxPath       string
	inboxMax        int
	logLevel        string
	bodyTimeout     time.Duration
	llm             string
	llmURL          string
	llmModel        string
	llmTimeout      time.Duration
	verify          string
	verifyLevel     verify.Level
	judge           string
	judgeURL        string
	judgeModel      string
	db              string
	dbPoll          time.Duration
	dbTimeout       time.Duration
	embedder        string
	embedURL        string
	embedModel      string
	answerCache     int
}

func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("askd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen address (PATIENTQA_ADDR)")
	fs.StringVar(&c.corpusDir, "corpus", "", "directory of corpus documents to serve instead of the embedded corpus (PATIENTQA_CORPUS)")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long to let in-flight requests finish on SIGTERM (PATIENTQA_SHUTDOWN_TIMEOUT)")
	fs.DurationVar(&c.answerTimeout, "answer-timeout", 10*time.Second, "deadline for one answer (PATIENTQA_ANSWER_TIMEOUT)")
	fs.StringVar(&c.corsOrigins, "cors-origins", "", "comma-separated origins whose pages may call the API, e.g. https://hospital.example (PATIENTQA_CORS_ORIGINS); empty: same origin only")
	fs.StringVar(&c.frameAncestors, "frame-ancestors", "", "comma-separated CSP frame-ancestors sources allowed to frame askd's pages (PATIENTQA_FRAME_ANCESTORS); empty: 'self'")
	fs.Float64Var(&c.rateLimit, "rate-limit", 2, "requests per second per client on /ask and /feedback; 0 turns it off, for load tests (PATIENTQA_RATE_LIMIT)")
	fs.IntVar(&c.rateBurst, "rate-burst", 10, "burst allowed above the rate limit (PATIENTQA_RATE_BURST)")
	fs.IntVar(&c.maxInFlight, "max-inflight", 64, "answers computed at once before askd answers 503; 0: no cap (PATIENTQA_MAX_INFLIGHT)")
	fs.StringVar(&c.inboxPath, "inbox", "patientqa-inbox.jsonl", "file that keeps unanswered questions and feedback for editors, redacted; empty: keep nothing (PATIENTQA_INBOX)")
	fs.IntVar(&c.inboxMax, "inbox-max", 10000, "entries the inbox file keeps; the oldest half is dropped beyond it (PATIENTQA_INBOX_MAX)")
	fs.StringVar(&c.logLevel, "log-level", "info", "debug, info, warn or error (PATIENTQA_LOG_LEVEL)")
	fs.StringVar(&c.llm, "llm", "none", "language model that writes answers: none (extractive), openai (any OpenAI-compatible server) or ollama (PATIENTQA_LLM); the key comes only from PATIENTQA_LLM_API_KEY")
	fs.StringVar(&c.llmURL, "llm-url", "", "base URL of the model server, e.g. http://127.0.0.1:8000/v1 (PATIENTQA_LLM_URL)")
	fs.StringVar(&c.llmModel, "llm-model", "", "model name (PATIENTQA_LLM_MODEL)")
	fs.DurationVar(&c.llmTimeout, "llm-timeout", 15*time.Second, "deadline for the model's answer before the extractive answer is used (PATIENTQA_LLM_TIMEOUT)")
	fs.StringVar(&c.judge, "judge", "none", "language model asked about every sentence the verifier keeps whether its passages support it, dropping any it does not call SUPPORTED: none, openai or ollama (PATIENTQA_JUDGE); the key comes only from PATIENTQA_JUDGE_API_KEY")
	fs.StringVar(&c.judgeURL, "judge-url", "", "base URL of the judging model's server (PATIENTQA_JUDGE_URL)")
	fs.StringVar(&c.judgeModel, "judge-model", "", "judging model name (PATIENTQA_JUDGE_MODEL)")
	fs.StringVar(&c.verify, "verify", "strict", "how closely a model's sentence must follow its cited passage to be kept: strict (a close restatement; fewer true sentences kept, fewer false ones) or standard (paraphrase allowed) (PATIENTQA_VERIFY)")
	fs.StringVar(&c.db, "db", "", "Postgres URL to answer from instead of the embedded corpus, e.g. postgres://user:pass@host:5432/patientqa; load it with `corpus ingest` (PATIENTQA_DB)")
	fs.DurationVar(&c.dbPoll, "db-poll", 5*time.Second, "with -db: how often to check the database's health and corpus version (notifications make version changes immediate) (PATIENTQA_DB_POLL)")
	fs.DurationVar(&c.dbTimeout, "db-timeout", 2*time.Second, "with -db: deadline of one database call (PATIENTQA_DB_TIMEOUT)")
	fs.StringVar(&c.embedder, "embedder", "none", "dense retrieval: none, local (deterministic hashing, not semantic; for trials and tests), openai or ollama; with -db it must be the embedder the corpus was ingested with (PATIENTQA_EMBEDDER); a remote key comes only from PATIENTQA_EMBED_API_KEY")
	fs.StringVar(&c.embedURL, "embed-url", "", "base URL of the embedding server (PATIENTQA_EMBED_URL)")
	fs.StringVar(&c.embedModel, "embed-model", "", "embedding model name (PATIENTQA_EMBED_MODEL)")
	fs.IntVar(&c.answerCache, "answer-cache", 1000, "extractive answers kept for repeated questions, least recently used out first; 0 turns the cache off (PATIENTQA_ANSWER_CACHE)")
	fs.DurationVar(&c.bodyTimeout, "body-timeout", 10*time.Second, "time allowed to receive a request body; slower clients get 408 (PATIENTQA_BODY_TIMEOUT)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: askd [flags]\n\nEvery flag can also be set by the environment variable named after it.\n\nflags:")
		fs.PrintDefaults()
	}
	// Environment first, so flags given on the command line win.
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		name := "PATIENTQA_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v := getenv(name); v != "" && envErr == nil {
			if err := f.Value.Set(v); err != nil {
				envErr = fmt.Errorf("%s (flag -%s): invalid value %q: %v", name, f.Name, v, err)
			}
		}
	})
	if envErr != nil {
		return c, envErr
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if _, _, err := net.SplitHostPort(c.addr); err != nil {
		return c, fmt.Errorf("-addr: %v", err)
	}
	level, err := verify.ParseLevel(c.verify)
	if err != nil {
		return c, fmt.Errorf("-verify: %v", err)
	}
	c.verifyLevel = level
	switch {
	case c.shutdownTimeout <= 0:
		return c, errors.New("-shutdown-timeout must be positive")
	case c.answerTimeout <= 0:
		return c, errors.New("-answer-timeout must be positive")
	case c.bodyTimeout <= 0:
		return c, errors.New("-body-timeout must be positive")
	case c.rateLimit < 0:
		return c, errors.New("-rate-limit must be 0 (off) or positive")
	case c.rateBurst < 1:
		return c, errors.New("-rate-burst must be at least 1")
	case c.maxInFlight < 0:
		return c, errors.New("-max-inflight must be 0 (no cap) or positive")
	case c.inboxMax < 2:
		return c, errors.New("-inbox-max must be at least 2")
	case c.answerCache < 0:
		return c, errors.New("-answer-cache must be 0 (off) or positive")
	}
	for _, o := range splitList(c.corsOrigins) {
		if u, err := url.Parse(o); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Path != "" {
			return c, fmt.Errorf("-cors-origins: %q is not an origin like https://example.org", o)
		}
	}
	for _, f := range splitList(c.frameAncestors) {
		if strings.ContainsAny(f, ";,\"'") && f != "'self'" && f != "'none'" {
			return c, fmt.Errorf("-frame-ancestors: %q is not a CSP source", f)
		}
	}
	if _, err := parseLevel(c.logLevel); err != nil {
		return c, err
	}
	if _, err := llm.New(llm.Config{Provider: c.llm, URL: c.llmURL, Model: c.llmModel}); err != nil {
		return c, fmt.Errorf("-llm: %v", err)
	}
	if c.llmTimeout <= 0 {
		return c, errors.New("-llm-timeout must be positive")
	}
	if _, err := llm.NewEmbedder(llm.Config{Provider: c.embedder, URL: c.embedURL, Model: c.embedModel}); err != nil {
		return c, fmt.Errorf("-embedder: %v", err)
	}
	if c.db != "" {
		if c.corpusDir != "" {
			return c, errors.New("-corpus and -db exclude each other: ingest the directory with `corpus ingest -corpus DIR -db URL`")
		}
		if _, err := postgres.Config(c.db); err != nil {
			return c, fmt.Errorf("-db: %v", err)
		}
	}
	if c.dbPoll < 100*time.Millisecond {
		return c, errors.New("-db-poll must be at least 100ms")
	}
	if c.dbTimeout <= 0 {
		return c, errors.New("-db-timeout must be positive")
	}
	return c, nil
}

// run starts askd and blocks until ctx is cancelled, then shuts down within the shutdown
// timeout. If ready is not nil it receives the listening address once the server accepts
// connections (tests listen on port 0).
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, ready chan<- string) error {
	cfg, err := parseFlags(args, getenv, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	level, _ := parseLevel(cfg.logLevel)
	log := slog.New(slog.NewJSONHandler(stdout, &slog.HandlerOptions{Level: level}))
	started := time.Now()

	p, err := prompts.Load()
	if err != nil {
		return err
	}
	model, err := llm.New(llm.Config{Provider: cfg.llm, URL: cfg.llmURL, Model: cfg.llmModel,
		APIKey: getenv("PATIENTQA_LLM_API_KEY")})
	if err != nil {
		return fmt.Errorf("-llm: %w", err)
	}
	emb, err := llm.NewEmbedder(llm.Config{Provider: cfg.embedder, URL: cfg.embedURL, Model: cfg.embedModel,
		APIKey: getenv("PATIENTQA_EMBED_API_KEY")})
	if err != nil {
		return fmt.Errorf("-embedder: %w", err)
	}
	judge, err := llm.New(llm.Config{Provider: cfg.judge, URL: cfg.judgeURL, Model: cfg.judgeModel,
		APIKey: getenv("PATIENTQA_JUDGE_API_KEY")})
	if err != nil {
		return fmt.Errorf("-judge: %w", err)
	}
	if judge != nil && model == nil {
		return errors.New("-judge needs -llm: it checks what a model writes")
	}
	opts := answer.Options{Model: model, Judge: judge, ModelTimeout: cfg.llmTimeout, Verify: cfg.verifyLevel, CacheSize: cfg.answerCache}
	registry := prometheus.NewRegistry()
	metrics := server.NewMetrics(registry)
	var asker interface {
		server.Asker
		server.Streamer
	}
	var dbReady func() bool
	var version string
	var docs int
	if cfg.db == "" {
		c, err := loadCorpus(cfg.corpusDir)
		if err != nil {
			return fmt.Errorf("loading corpus: %w", err)
		}
		if emb != nil {
			// Exact dense search in memory over the same passages the lexical index holds.
			var ps []*patientqa.Passage
			for _, d := range c.Servable(time.Now()) {
				ps = append(ps, corpus.Passages(d)...)
			}
			vi, err := retrieval.NewVectorIndex(ctx, emb, ps)
			if err != nil {
				return fmt.Errorf("-embedder: %w", err)
			}
			opts.Passages, opts.Dense = ps, vi
		}
		asker = answer.New(c, p, opts)
		version, docs = c.Version, len(c.Servable(time.Now()))
		metrics.SetCorpus(version, docs)
	} else {
		replica, stopDB, err := startReplica(ctx, cfg, log, emb, func(s *postgres.Snapshot, dense patientqa.Retriever) (postgres.Engine, error) {
			o := opts
			o.Passages, o.Dense = s.Passages, dense
			return answer.New(s.Corpus, p, o), nil
		}, metrics)
		if err != nil {
			return err
		}
		defer stopDB()
		asker, dbReady = replica, replica.Ready
		registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "patientqa_database_ready",
			Help: "1 while the database answers and a corpus is loaded from it, else 0."}, func() float64 {
			if replica.Ready() {
				return 1
			}
			return 0
		}))
		_, version = replica.Version()
	}
	go normalize.Warm() // script tables for the first Traditional-Chinese question

	var box inbox.Store = inbox.Discard{}
	if cfg.inboxPath != "" {
		box = &inbox.File{Path: cfg.inboxPath, Max: cfg.inboxMax}
	}
	srv := server.New(timeoutAsker{asker, cfg.answerTimeout}, server.Config{
		Log: log, Inbox: box, Metrics: metrics, Ready: dbReady,
		CORSOrigins: splitList(cfg.corsOrigins), FrameAncestors: splitList(cfg.frameAncestors),
		RateLimit: cfg.rateLimit, RateBurst: cfg.rateBurst, MaxInFlight: cfg.maxInFlight,
		BodyTimeout: cfg.bodyTimeout,
	})
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       cfg.bodyTimeout + 5*time.Second,
		WriteTimeout:      cfg.answerTimeout + 5*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    1 << 20, // the server refuses more than server.MaxHeaderBytes with a JSON error
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("askd listening", "addr", ln.Addr().String(), "corpus_version", version, "llm", cfg.llm, "verify", cfg.verifyLevel.String(), "judge", cfg.judge,
		"embedder", cfg.embedder, "database", cfg.db != "", "startup_ms", time.Since(started).Milliseconds())
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("askd shutting down")
	srv.SetReady(false)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return l, fmt.Errorf("-log-level: %q is not debug, info, warn or error", s)
	}
	return l, nil
}

func loadCorpus(dir string) (*corpus.Corpus, error) {
	if dir == "" {
		return corpus.Embedded()
	}
	return corpus.Dir(dir)
}
