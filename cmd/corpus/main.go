// Command corpus checks and describes the vetted corpus.
//
//	go run ./cmd/corpus lint  [-corpus DIR] [-facts DIR]   exit 1 on any problem
//	go run ./cmd/corpus stats [-corpus DIR]                documents by kind, language, topic…
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"patientqa/corpus"
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
`

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
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
		return corpus.WriteStats(stdout, c, now)
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
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
