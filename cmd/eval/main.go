// Command eval runs question suites against patientqa and checks every answer.
//
//	go run ./cmd/eval [-url URL] [-format text|json|junit] [-variants] SUITE.yaml...
//
// Without -url the cases run in-process against the embedded corpus; with -url they are sent to
// a running askd. The exit status is 1 if any case fails.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"patientqa/answer"
	"patientqa/corpus"
	"patientqa/eval"
	"patientqa/prompts"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errFailed) {
			fmt.Fprintln(os.Stderr, "eval:", err)
		}
		os.Exit(1)
	}
}

var errFailed = errors.New("cases failed")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", "", "base URL of a running askd (default: run in-process)")
	format := fs.String("format", "text", "report format: text, json or junit")
	variants := fs.Bool("variants", false, "also run metamorphic variants of every case (script, full-width, typo, polite, injection)")
	corpusDir := fs.String("corpus", "", "corpus directory for in-process runs and citation checks (default: embedded)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: eval [-url URL] [-format text|json|junit] [-variants] SUITE.yaml...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("no suite given")
	}
	write := map[string]func(io.Writer, []eval.Result) error{
		"text": eval.WriteText, "json": eval.WriteJSON, "junit": eval.WriteJUnit,
	}[*format]
	if write == nil {
		return fmt.Errorf("-format must be text, json or junit, not %q", *format)
	}
	var suites []*eval.Suite
	for _, p := range fs.Args() {
		s, err := eval.LoadSuite(p)
		if err != nil {
			return err
		}
		suites = append(suites, s)
	}
	c, err := loadCorpus(*corpusDir)
	if err != nil {
		return err
	}
	p, err := prompts.Load()
	if err != nil {
		return err
	}
	checker, err := eval.NewChecker(c, p)
	if err != nil {
		return err
	}
	var asker eval.Asker = answer.New(c, p, answer.Options{})
	if *url != "" {
		asker = eval.HTTPAsker{URL: *url}
	}
	r := &eval.Runner{Asker: asker, Checker: checker, Variants: *variants}
	results := r.Run(ctx, suites)
	if err := write(stdout, results); err != nil {
		return err
	}
	if eval.Summarize(results).Failed > 0 {
		return errFailed
	}
	return nil
}

func loadCorpus(dir string) (*corpus.Corpus, error) {
	if dir == "" {
		return corpus.Embedded()
	}
	return corpus.Dir(dir)
}
