package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"patientqa/corpus"
	"patientqa/internal/pgtest"
)

// migrate and ingest through the command line, against PGlite: idempotent, and a corpus that
// fails the lint ingests nothing.
func TestMigrateAndIngest(t *testing.T) {
	pg, err := pgtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Stop()
	ctx := context.Background()
	if err := pg.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	cli := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, append(args, "-db", pg.URL, "-facts", "../../../shared/facts"), &out, io.Discard)
		return out.String(), err
	}
	for _, step := range []struct {
		args []string
		want string
	}{
		{[]string{"migrate"}, "applied 0002_embeddings"},
		{[]string{"migrate"}, "schema is up to date"},
		{[]string{"ingest"}, "corpus version 1 ("},
		{[]string{"ingest"}, "corpus version 1 ("},
	} {
		out, err := cli(step.args...)
		if err != nil || !strings.Contains(out, step.want) {
			t.Fatalf("corpus %v: %v\n%s\nwant %q", step.args, err, out, step.want)
		}
	}
	emb, err := corpus.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	unchanged := fmt.Sprintf("unchanged): 0 added, 0 updated, %d unchanged, 0 retired", len(emb.Docs))
	if out, _ := cli("ingest"); !strings.Contains(out, unchanged) || !strings.Contains(out, " 0 embedded") {
		t.Errorf("second ingest changed something: %s", out)
	}

	// A directory with one document that promises a cure: refused, nothing written.
	dir := t.TempDir()
	src, err := os.ReadFile("../../corpus/data/als-evidence.md")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(src), "key_points:\n", "key_points:\n  - 干细胞可以根治渐冻症。\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "als-evidence.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := cli("ingest", "-corpus", dir)
	if !errors.Is(err, errProblems) || !strings.Contains(out, "nothing was ingested") || !strings.Contains(out, "promissory") {
		t.Fatalf("ingest of a corpus with a promise: %v\n%s", err, out)
	}
	if out, _ := cli("ingest"); !strings.Contains(out, "corpus version 1 (") {
		t.Errorf("the refused ingest changed the database: %s", out)
	}
	if _, err := cli("ingest", "-embedder", "word2vec"); err == nil {
		t.Error("an unknown embedder was accepted")
	}
}
