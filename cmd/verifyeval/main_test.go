package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"patientqa/llm/llmtest"
)

var figuresRe = regexp.MustCompile(`precision \(unsupported caught\) ([0-9.]+) \((\d+)/(\d+)\), recall \(supported kept\) ([0-9.]+) \((\d+)/(\d+)\)`)

// TestVerifyeval: the lexical figures print for each set and level; a judge that supports
// everything changes nothing, and one that supports nothing keeps no sentence.
func TestVerifyeval(t *testing.T) {
	set := "../../verify/testdata/heldout.yaml"
	for _, tt := range []struct {
		verdict string
		kept    func(lexicalKept string) string
	}{
		{"SUPPORTED", func(k string) string { return k }},
		{"UNSUPPORTED", func(string) string { return "0" }},
	} {
		srv := llmtest.NewServer(func(string, string) llmtest.Reply { return llmtest.Reply{Chunks: []string{tt.verdict}} })
		var out, errs bytes.Buffer
		err := run(context.Background(), []string{"-verify", "strict", "-judge", "openai", "-judge-url", srv.URL, "-judge-model", "j", set},
			func(string) string { return "" }, &out, &errs)
		srv.Close()
		if err != nil {
			t.Fatalf("%v\n%s", err, errs.String())
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) != 2 || !strings.HasSuffix(lines[1], "(with the judge)") {
			t.Fatalf("output:\n%s", out.String())
		}
		lex, jud := figuresRe.FindStringSubmatch(lines[0]), figuresRe.FindStringSubmatch(lines[1])
		if lex == nil || jud == nil {
			t.Fatalf("no figures in:\n%s", out.String())
		}
		if jud[5] != tt.kept(lex[5]) || jud[6] != lex[6] {
			t.Errorf("judge %s: kept %s of %s supported, lexical %s", tt.verdict, jud[5], jud[6], lex[5])
		}
		if lex[3] == "0" || lex[6] == "0" {
			t.Errorf("the set has no cases of one label:\n%s", out.String())
		}
	}
}

func TestVerifyevalBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-verify", "loose"}, {"-judge", "gpt"}, {"-judge", "openai"}, {"no-such-file.yaml"}} {
		if err := run(context.Background(), args, func(string) string { return "" }, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
