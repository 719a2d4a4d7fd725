package llm

import (
	"context"
	"math"
	"testing"

	"patientqa/llm/llmtest"
	"patientqa/retrieval"
)

func TestNewEmbedder(t *testing.T) {
	for _, tc := range []struct {
		cfg     Config
		wantNil bool
		wantErr bool
	}{
		{cfg: Config{Provider: "none"}, wantNil: true},
		{cfg: Config{Provider: ""}, wantNil: true},
		{cfg: Config{Provider: "local"}},
		{cfg: Config{Provider: "openai", Model: "m", URL: "http://127.0.0.1:1/v1"}},
		{cfg: Config{Provider: "ollama", Model: "m"}},
		{cfg: Config{Provider: "openai"}, wantErr: true},
		{cfg: Config{Provider: "openai", Model: "m", URL: "ftp://x"}, wantErr: true},
		{cfg: Config{Provider: "bert"}, wantErr: true},
	} {
		e, err := NewEmbedder(tc.cfg)
		if (err != nil) != tc.wantErr || (e == nil) != (tc.wantNil || tc.wantErr) {
			t.Errorf("NewEmbedder(%+v) = %v, %v", tc.cfg, e, err)
		}
	}
}

// The OpenAI-compatible embedder goes through langchaingo to a real HTTP endpoint and returns
// unit vectors in the order of the texts.
func TestOpenAIEmbedder(t *testing.T) {
	srv := llmtest.NewServer(llmtest.Text("unused"))
	defer srv.Close()
	e, err := NewEmbedder(Config{Provider: OpenAI, URL: srv.URL, Model: "scripted-embed"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Name() != "openai:scripted-embed" {
		t.Errorf("name %q", e.Name())
	}
	texts := []string{"干细胞治疗", "stem cell clinics", "间充质干细胞"}
	got, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := retrieval.HashEmbedder{Dims: llmtest.EmbedDims}.Embed(context.Background(), texts)
	if len(got) != len(texts) {
		t.Fatalf("%d vectors", len(got))
	}
	for i := range got {
		if len(got[i]) != llmtest.EmbedDims {
			t.Fatalf("vector %d has %d dimensions", i, len(got[i]))
		}
		if c := retrieval.Cosine(got[i], want[i]); math.Abs(c-1) > 1e-5 {
			t.Errorf("vector %d differs from the server's (cosine %v)", i, c)
		}
	}
}
