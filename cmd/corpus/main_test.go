package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"patientqa/inbox"
)

func TestLintEmbedded(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"lint", "-facts", "../../../shared/facts"}, &out, io.Discard); err != nil {
		t.Fatalf("lint of the shipped corpus: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), " 0 problems") {
		t.Fatalf("unexpected output: %s", out.String())
	}
}

func TestLintBrokenDir(t *testing.T) {
	dir := t.TempDir()
	doc := "---\nid: broken\nkind: trial\ntitle: 测试\npublisher: X\npublished: 2020\nlang: zh\nsource:\n  nct: NCT123\nstatus: vetted\nverified_at: 2026-01-01\nreview_due: 2026-02-01\nkey_points:\n  - 干细胞可以根治渐冻症。\ntopics: [evidence]\nconditions: []\nfacts: [EVD-009]\n---\n正文。\n"
	if err := os.WriteFile(filepath.Join(dir, "broken.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := run(context.Background(), []string{"lint", "-corpus", dir, "-facts", "../../../shared/facts", "-today", "2026-11-25"}, &out, io.Discard)
	if !errors.Is(err, errProblems) {
		t.Fatalf("want exit 1 on problems, got %v", err)
	}
	for _, want := range []string{"broken.md: source.nct: malformed nct", "broken.md: review_due:", "broken.md: key_points[0]: promissory wording", "fix:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestStats(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"stats"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| topic | what | zh | en | covered |", "| condition | what | zh | en | covered |", "| als |", "Reviews due within 90 days"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stats lacks %q", want)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	if err := run(context.Background(), []string{"frobnicate"}, io.Discard, io.Discard); err == nil {
		t.Fatal("an unknown command must fail")
	}
}

// TestReadmeUpToDate: corpus/README.md is the output of `corpus stats -o`, never typed.
func TestReadmeUpToDate(t *testing.T) {
	c, err := load("")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../corpus/README.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != readme(c) {
		t.Fatal("corpus/README.md is stale: run go run ./cmd/corpus stats -o corpus/README.md")
	}
}

func TestUnanswered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "inbox.jsonl")
	f := &inbox.File{Path: path}
	for _, q := range []string{"干细胞能治痛风吗", "干细胞可以治痛风吗", "我叫王五，干细胞能治银屑病吗"} {
		f.Add(inbox.Entry{Kind: inbox.KindUnanswered, Question: q, Lang: "zh-Hans"})
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"unanswered", "-inbox", path}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "3 unanswered questions in 2 groups") || !strings.Contains(out.String(), "   2  干细胞能治痛风吗") ||
		strings.Contains(out.String(), "王五") {
		t.Fatalf("output:\n%s", out.String())
	}
}
