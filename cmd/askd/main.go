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
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"patientqa/answer"
	"patientqa/corpus"
	"patientqa/normalize"
	"patientqa/prompts"
	"patientqa/server"
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
}

func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("askd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen address (PATIENTQA_ADDR)")
	fs.StringVar(&c.corpusDir, "corpus", "", "directory of corpus documents to serve instead of the embedded corpus (PATIENTQA_CORPUS)")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long to let in-flight requests finish on SIGTERM (PATIENTQA_SHUTDOWN_TIMEOUT)")
	fs.DurationVar(&c.answerTimeout, "answer-timeout", 10*time.Second, "deadline for one answer (PATIENTQA_ANSWER_TIMEOUT)")
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
	if c.shutdownTimeout <= 0 || c.answerTimeout <= 0 {
		return c, errors.New("-shutdown-timeout and -answer-timeout must be positive")
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
	log := slog.New(slog.NewJSONHandler(stdout, nil))
	started := time.Now()

	c, err := loadCorpus(cfg.corpusDir)
	if err != nil {
		return fmt.Errorf("loading corpus: %w", err)
	}
	p, err := prompts.Load()
	if err != nil {
		return err
	}
	engine := answer.New(c, p, answer.Options{})
	go normalize.Warm() // script tables for the first Traditional-Chinese question

	srv := server.New(timeoutAsker{engine, cfg.answerTimeout}, log)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      cfg.answerTimeout + 5*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("askd listening", "addr", ln.Addr().String(), "corpus_version", c.Version,
		"documents", len(c.Docs), "startup_ms", time.Since(started).Milliseconds())
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

func loadCorpus(dir string) (*corpus.Corpus, error) {
	if dir == "" {
		return corpus.Embedded()
	}
	return corpus.Dir(dir)
}
