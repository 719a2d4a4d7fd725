package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/tmc/langchaingo/embeddings"
	"github.com/tmc/langchaingo/llms/ollama"
	"github.com/tmc/langchaingo/llms/openai"

	"patientqa"
	"patientqa/retrieval"
)

// Embedder providers besides OpenAI and Ollama.
const (
	// Local is retrieval.HashEmbedder: deterministic, offline, for tests and trials. It is not
	// a semantic model.
	Local = "local"
	// LocalDims is the dimension of the local embedder.
	LocalDims = 256
)

// Embedder is a patientqa.Embedder with a name that tells its vectors apart from other
// embedders' (provider and model), stored beside the vectors in the database.
type Embedder interface {
	patientqa.Embedder
	Name() string
}

// NewEmbedder returns the embedder of cfg.Provider: none (nil, no error), local, openai (any
// OpenAI-compatible /embeddings endpoint) or ollama. Remote vectors are L2-normalised here,
// as patientqa.Embedder requires.
func NewEmbedder(cfg Config) (Embedder, error) {
	switch cfg.Provider {
	case "", None:
		return nil, nil
	case Local:
		return retrieval.HashEmbedder{Dims: LocalDims}, nil
	case OpenAI, Ollama:
	default:
		return nil, fmt.Errorf("unknown embedder %q (want none, local, openai or ollama)", cfg.Provider)
	}
	if cfg.Model == "" {
		return nil, errors.New("an embedding model name is required")
	}
	if cfg.URL != "" {
		if u, err := url.Parse(cfg.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%q is not an http(s) URL", cfg.URL)
		}
	}
	client := cfg.Client
	if client == nil {
		client = http.DefaultClient
	}
	var ec embeddings.EmbedderClient
	var err error
	if cfg.Provider == OpenAI {
		key := cfg.APIKey
		if key == "" {
			key = "none"
		}
		opts := []openai.Option{openai.WithEmbeddingModel(cfg.Model), openai.WithModel(cfg.Model),
			openai.WithToken(key), openai.WithHTTPClient(client)}
		if cfg.URL != "" {
			opts = append(opts, openai.WithBaseURL(cfg.URL))
		}
		ec, err = openai.New(opts...)
	} else {
		opts := []ollama.Option{ollama.WithModel(cfg.Model), ollama.WithHTTPClient(client)}
		if cfg.URL != "" {
			opts = append(opts, ollama.WithServerURL(cfg.URL))
		}
		ec, err = ollama.New(opts...)
	}
	if err != nil {
		return nil, err
	}
	e, err := embeddings.NewEmbedder(ec, embeddings.WithBatchSize(64), embeddings.WithStripNewLines(false))
	if err != nil {
		return nil, err
	}
	return &remoteEmbedder{e: e, name: cfg.Provider + ":" + cfg.Model}, nil
}

type remoteEmbedder struct {
	e    *embeddings.EmbedderImpl
	name string
}

func (r *remoteEmbedder) Name() string { return r.name }

func (r *remoteEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	vecs, err := r.e.EmbedDocuments(ctx, texts)
	if err != nil {
		return nil, err
	}
	if len(vecs) != len(texts) {
		return nil, fmt.Errorf("embedder returned %d vectors for %d texts", len(vecs), len(texts))
	}
	for i, v := range vecs {
		if len(v) == 0 || len(v) != len(vecs[0]) {
			return nil, fmt.Errorf("embedder returned a vector of %d dimensions", len(v))
		}
		vecs[i] = retrieval.Normalise(v)
	}
	return vecs, nil
}
