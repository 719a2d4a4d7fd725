// Command corpus checks and describes the vetted corpus.
//
//	go run ./cmd/corpus lint  [-corpus DIR] [-facts DIR]   exit 1 on any problem
//	go run ./cmd/corpus stats [-corpus DIR]                documents by kind, language, topic…
//	go run ./cmd/corpus migrate -db URL                    create or upgrade the Postgres schema
//	go run ./cmd/corpus ingest -db URL [-corpus DIR] [-embedder local|openai|ollama|none]
//
// -db defaults to $PATIENTQA_DB; a remote embedder's key comes only from
// $PATIENTQA_EMBED_API_KEY.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"patientqa/corpus"
	"patientqa/inbox"
	"patientqa/llm"
	"patientqa/retrieval/postgres"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errProblems) {
			fmt.Fprintln(os.Stderr, "corpus:", err)
		}
		os.Exit(1)
	}
}

var errProblems = errors.New("problems found")

const usage = `usage: corpus <command> [flags]

commands:
  lint    check every document (exit 1 on any problem)
  stats   print documents by kind, language, topic and condition, facts used, reviews due soon
  unanswered  list the questions askd could not answer, grouped by similarity (-inbox FILE)
  migrate create or upgrade the Postgres schema (-db URL)
  ingest  lint the corpus and load it into Postgres in one transaction (-db URL, -embedder)
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	cmd, args := args[0], args[1:]
	fs := flag.NewFlagSet("corpus "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("corpus", "", "directory of corpus documents (default: the corpus compiled into the binary)")
	factsDir := fs.String("facts", defaultFacts(), "fact sheets directory; corpus/SOURCES.md is read too")
	today := fs.String("today", "", "check review dates as of this day, YYYY-MM-DD (default: today)")
	inboxPath := fs.String("inbox", "patientqa-inbox.jsonl", "unanswered: the inbox file askd writes (-inbox of askd)")
	similarity := fs.Float64("similarity", 0.35, "unanswered: how alike two questions must be to share a group (0-1)")
	out := fs.String("o", "", "stats: write the coverage tables (corpus/README.md) to this file instead of printing stats")
	dbURL := fs.String("db", os.Getenv("PATIENTQA_DB"), "migrate, ingest: Postgres URL, e.g. postgres://user:pass@host:5432/db (default $PATIENTQA_DB)")
	embedder := fs.String("embedder", envOr("PATIENTQA_EMBEDDER", "local"), "ingest: embedder of passages: local (deterministic, not semantic), openai, ollama or none; askd must use the same (default $PATIENTQA_EMBEDDER or local)")
	embedURL := fs.String("embed-url", os.Getenv("PATIENTQA_EMBED_URL"), "ingest: base URL of the embedding server (default $PATIENTQA_EMBED_URL)")
	embedModel := fs.String("embed-model", os.Getenv("PATIENTQA_EMBED_MODEL"), "ingest: embedding model name (default $PATIENTQA_EMBED_MODEL)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	now := time.Now().UTC()
	if *today != "" {
		t, err := time.Parse(time.DateOnly, *today)
		if err != nil {
			return fmt.Errorf("-today: %w", err)
		}
		now = t
	}
	switch cmd {
	case "unanswered":
		return unanswered(stdout, *inboxPath, *similarity)
	case "migrate":
		return migrate(ctx, stdout, *dbURL)
	case "ingest":
		emb, err := llm.NewEmbedder(llm.Config{Provider: *embedder, URL: *embedURL, Model: *embedModel,
			APIKey: os.Getenv("PATIENTQA_EMBED_API_KEY")})
		if err != nil {
			return fmt.Errorf("-embedder: %w", err)
		}
		return ingest(ctx, stdout, stderr, *dbURL, *dir, *factsDir, now, emb)
	}
	c, err := load(*dir)
	if err != nil {
		var le *corpus.LoadError
		if errors.As(err, &le) {
			for _, p := range le.Problems {
				fmt.Fprintln(stdout, p)
			}
			fmt.Fprintf(stdout, "%d files could not be read\n", len(le.Problems))
			return errProblems
		}
		return err
	}
	switch cmd {
	case "lint":
		facts, err := corpus.ReadFactIDs(append([]string{*factsDir}, sourcesFile()...)...)
		if err != nil {
			return fmt.Errorf("%w (set -facts to the fact-sheet directory)", err)
		}
		problems := corpus.Lint(c, corpus.LintOptions{Now: now, Facts: facts})
		for _, p := range problems {
			fmt.Fprintln(stdout, p)
		}
		vetted := 0
		for _, d := range c.Docs {
			if d.Status == "vetted" {
				vetted++
			}
		}
		fmt.Fprintf(stdout, "%d documents (%d vetted), %d problems\n", len(c.Docs), vetted, len(problems))
		if len(problems) > 0 {
			return errProblems
		}
		return nil
	case "stats":
		if *out == "" {
			return corpus.WriteStats(stdout, c, now)
		}
		return os.WriteFile(*out, []byte(readme(c)), 0o644)
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// unanswered prints the inbox's unanswered questions grouped by similarity, largest first.
func unanswered(w io.Writer, path string, similarity float64) error {
	entries, err := inbox.Read(path)
	if err != nil && len(entries) == 0 {
		return err
	}
	if err != nil {
		fmt.Fprintln(w, "warning:", err)
	}
	groups := inbox.GroupSimilar(entries, similarity)
	total := 0
	for _, g := range groups {
		total += g.Count
	}
	fmt.Fprintf(w, "%d unanswered questions in %d groups (%s)\n\n", total, len(groups), path)
	for _, g := range groups {
		fmt.Fprintf(w, "%4d  %s  [%s]\n", g.Count, g.Example, strings.Join(g.Langs, ", "))
		for _, q := range g.Questions[1:] {
			fmt.Fprintf(w, "        %s\n", q)
		}
	}
	return nil
}

// readmeHeader starts corpus/README.md; the rest of the file is `corpus stats` output.
const readmeHeader = `# The vetted corpus

Generated by ` + "`go run ./cmd/corpus stats -o corpus/README.md`" + `; do not edit by hand (a test checks
that it matches the corpus). Every topic and condition needs at least 2 vetted documents. The format of a document is in [FORMAT.md](FORMAT.md); where facts
come from is in ../../shared/facts and [SOURCES.md](SOURCES.md).

`

// readme returns corpus/README.md for c: the header and the coverage tables.
func readme(c *corpus.Corpus) string {
	var b strings.Builder
	b.WriteString(readmeHeader)
	corpus.WriteCoverage(&b, c)
	return b.String()
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func openDB(ctx context.Context, url string) (*postgres.DB, error) {
	if url == "" {
		return nil, errors.New("-db is required (or set PATIENTQA_DB), e.g. postgres://user:pass@127.0.0.1:5432/patientqa")
	}
	db, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := db.Ping(ctx, 5*time.Second); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot reach the database: %w", err)
	}
	return db, nil
}

func migrate(ctx context.Context, stdout io.Writer, url string) error {
	db, err := openDB(ctx, url)
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	for _, m := range applied {
		fmt.Fprintln(stdout, "applied", m)
	}
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(stdout, "schema is up to date")
	}
	return nil
}

// ingest lints the corpus and loads it into the database; a lint problem ingests nothing.
func ingest(ctx context.Context, stdout, stderr io.Writer, url, dir, factsDir string, now time.Time, emb llm.Embedder) error {
	files, err := corpus.ReadFiles(dir)
	if err != nil {
		return err
	}
	facts, err := corpus.ReadFactIDs(append([]string{factsDir}, sourcesFile()...)...)
	if err != nil {
		fmt.Fprintf(stderr, "corpus ingest: fact ids are not checked (%v)\n", err)
		facts = nil
	}
	db, err := openDB(ctx, url)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	opt := postgres.IngestOptions{Lint: corpus.LintOptions{Now: now, Facts: facts}}
	if emb != nil {
		opt.Embedder = emb
	}
	rep, err := db.Ingest(ctx, files, opt)
	var lerr *postgres.LintError
	if errors.As(err, &lerr) {
		for _, p := range lerr.Problems {
			fmt.Fprintln(stdout, p)
		}
		fmt.Fprintf(stdout, "%d problems: nothing was ingested\n", len(lerr.Problems))
		return errProblems
	}
	if err != nil {
		return err
	}
	state := "unchanged"
	if rep.Changed {
		state = "new version"
	}
	fmt.Fprintf(stdout, "corpus version %d (%s, %s): %d added, %d updated, %d unchanged, %d retired; %d passages, %d embedded; %s\n",
		rep.Version, rep.Label, state, rep.Added, rep.Updated, rep.Unchanged, rep.Retired, rep.Passages, rep.Embedded,
		rep.Duration.Round(time.Millisecond))
	return nil
}

func load(dir string) (*corpus.Corpus, error) {
	if dir == "" {
		return corpus.Embedded()
	}
	return corpus.Dir(dir)
}

// defaultFacts finds the fact sheets beside the checkout (../shared/facts), from the module
// root or from a package directory below it.
func defaultFacts() string {
	for _, p := range []string{"../shared/facts", "../../shared/facts", "../../../shared/facts"} {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
	}
	return "../shared/facts"
}

func sourcesFile() []string {
	for _, p := range []string{"corpus/SOURCES.md", "../../corpus/SOURCES.md"} {
		if _, err := os.Stat(p); err == nil {
			return []string{p}
		}
	}
	return nil
}
