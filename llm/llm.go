// Package llm connects patientqa to a language model through langchaingo: an OpenAI-compatible
// endpoint (which also covers vLLM, llama.cpp server and Ollama's OpenAI API) or Ollama's own
// API. It only adapts langchaingo to patientqa.Model; what the model may say is decided by the
// answering core and checked sentence by sentence (package verify).
package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/ollama"
	"github.com/tmc/langchaingo/llms/openai"

	"patientqa"
)

// Providers.
const (
	None   = "none"
	OpenAI = "openai"
	Ollama = "ollama"
)

// Config chooses and configures a provider. APIKey is never logged.
type Config struct {
	Provider string // none, openai or ollama
	URL      string // base URL, e.g. http://127.0.0.1:8000/v1 (openai) or http://127.0.0.1:11434 (ollama)
	Model    string
	APIKey   string
	Client   *http.Client // optional
}

// New returns the model, or nil (and no error) for provider "none" or "".
func New(cfg Config) (patientqa.Model, error) {
	switch cfg.Provider {
	case "", None:
		return nil, nil
	case OpenAI, Ollama:
	default:
		return nil, fmt.Errorf("unknown provider %q (want none, openai or ollama)", cfg.Provider)
	}
	if cfg.Model == "" {
		return nil, errors.New("a model name is required")
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
	var lm llms.Model
	var err error
	if cfg.Provider == OpenAI {
		key := cfg.APIKey
		if key == "" {
			key = "none" // local servers need no key, but the client insists on one
		}
		opts := []openai.Option{openai.WithModel(cfg.Model), openai.WithToken(key), openai.WithHTTPClient(client)}
		if cfg.URL != "" {
			opts = append(opts, openai.WithBaseURL(cfg.URL))
		}
		lm, err = openai.New(opts...)
	} else {
		opts := []ollama.Option{ollama.WithModel(cfg.Model), ollama.WithHTTPClient(client)}
		if cfg.URL != "" {
			opts = append(opts, ollama.WithServerURL(cfg.URL))
		}
		lm, err = ollama.New(opts...)
	}
	if err != nil {
		return nil, err
	}
	return &model{lm: lm}, nil
}

type model struct{ lm llms.Model }

// Generate implements patientqa.Model with temperature 0 (the same passages, the same answer).
func (m *model) Generate(ctx context.Context, system, user string, onChunk func(string) error) (string, error) {
	msgs := []llms.MessageContent{
		llms.TextParts(llms.ChatMessageTypeSystem, system),
		llms.TextParts(llms.ChatMessageTypeHuman, user),
	}
	opts := []llms.CallOption{llms.WithTemperature(0)}
	if onChunk != nil {
		opts = append(opts, llms.WithStreamingFunc(func(_ context.Context, chunk []byte) error {
			return onChunk(string(chunk))
		}))
	}
	resp, err := m.lm.GenerateContent(ctx, msgs, opts...)
	if err != nil {
		return "", err
	}
	if len(resp.Choices) == 0 {
		return "", errors.New("the model returned no choices")
	}
	return resp.Choices[0].Content, nil
}
