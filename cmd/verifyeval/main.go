// Command verifyeval measures the sentence verifier on hand-labelled sets: precision (the
// share of unsupported sentences dropped) and recall (the share of supported ones kept), at a
// verify level and, with -judge, with a judging model asked about every sentence the lexical
// checks keep. It is how an operator learns what a model does as a judge before trusting it:
//
//	go run ./cmd/verifyeval                        # strict and standard, lexical only
//	go run ./cmd/verifyeval -judge openai -judge-url http://127.0.0.1:8000/v1 -judge-model m
//
// Arguments are labelled sets (default verify/testdata/*.yaml). The judge's key comes only
// from PATIENTQA_JUDGE_API_KEY.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"patientqa"
	"patientqa/answer"
	"patientqa/llm"
	"patientqa/prompts"
	"patientqa/verify"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "verifyeval:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("verifyeval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	levels := fs.String("verify", "strict,standard", "verify levels to measure, comma-separated")
	judgeProvider := fs.String("judge", "none", "judging model: none, openai or ollama")
	judgeURL := fs.String("judge-url", "", "base URL of the judging model's server")
	judgeModel := fs.String("judge-model", "", "judging model name")
	timeout := fs.Duration("timeout", 30*time.Second, "deadline of one judge question")
	misses := fs.Bool("misses", false, "list every case the verifier gets wrong")
	if err := fs.Parse(args); err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		var err error
		if paths, err = filepath.Glob("verify/testdata/*.yaml"); err != nil || len(paths) == 0 {
			return fmt.Errorf("no labelled sets given and none in verify/testdata (run from the repository root)")
		}
	}
	var judge *answer.Judge
	m, err := llm.New(llm.Config{Provider: *judgeProvider, URL: *judgeURL, Model: *judgeModel, APIKey: getenv("PATIENTQA_JUDGE_API_KEY")})
	if err != nil {
		return fmt.Errorf("-judge: %w", err)
	}
	if m != nil {
		p, err := prompts.Load()
		if err != nil {
			return err
		}
		judge = answer.NewJudge(m, p, *timeout)
	}
	for _, name := range strings.Split(*levels, ",") {
		level, err := verify.ParseLevel(strings.TrimSpace(name))
		if err != nil {
			return err
		}
		for _, path := range paths {
			cases, err := verify.LoadLabelled(path)
			if err != nil {
				return err
			}
			var lexical, judged verify.Score
			for _, c := range cases {
				r := verify.Prepare(c.Passages).WithLevel(level).Sentence(c.Sentence)
				lexical.Add(c.Supported, r.OK)
				ok := r.OK
				if judge != nil && ok {
					if ok, err = judge.Supported(ctx, langOf(c.Sentence), c.Passages, r.Cited, r.Sentence); err != nil {
						return fmt.Errorf("%s %s: judge: %w", path, c.ID, err)
					}
				}
				judged.Add(c.Supported, ok)
				if *misses && ok != c.Supported {
					fmt.Fprintf(stdout, "  miss %s (%s, supported %v): %s\n", c.ID, c.Kind, c.Supported, c.Sentence)
				}
			}
			fmt.Fprintf(stdout, "%-16s %-8s %4d cases  %s\n", filepath.Base(path), level, len(cases), lexical)
			if judge != nil {
				fmt.Fprintf(stdout, "%-16s %-8s %4d cases  %s  (with the judge)\n", filepath.Base(path), level, len(cases), judged)
			}
		}
	}
	return nil
}

// langOf is the language of a sentence: Chinese when it has Han characters.
func langOf(s string) patientqa.Lang {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return patientqa.LangZh
		}
	}
	return patientqa.LangEn
}
