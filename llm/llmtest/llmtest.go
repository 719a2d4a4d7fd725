// Package llmtest is a scripted OpenAI-compatible chat server for tests: it answers
// POST /chat/completions, streaming or not, with whatever a script returns for the prompts.
// langchaingo's fake model does not stream, so tests use this over HTTP instead.
package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"time"

	"patientqa/retrieval"
)

// Reply is what the server sends for one request.
type Reply struct {
	Chunks []string      // content, streamed chunk by chunk (joined when not streaming)
	Delay  time.Duration // before each chunk
	Status int           // an HTTP error status instead of an answer
}

// Script decides the reply from the system and user prompts.
type Script func(system, user string) Reply

// Server is a running scripted server; URL is its base URL for the OpenAI client.
type Server struct {
	*httptest.Server
	URL string
}

// NewServer starts a server running script.
func NewServer(script Script) *Server {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/embeddings") {
			embed(w, r)
			return
		}
		var req struct {
			Stream   bool `json:"stream"`
			Messages []struct {
				Role    string `json:"role"`
				Content any    `json:"content"`
			} `json:"messages"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var system, user string
		for _, m := range req.Messages {
			text := contentText(m.Content)
			if m.Role == "system" {
				system = text
			} else {
				user = text
			}
		}
		rep := script(system, user)
		if rep.Status != 0 {
			http.Error(w, `{"error":{"message":"scripted failure"}}`, rep.Status)
			return
		}
		if !req.Stream {
			for range rep.Chunks {
				sleep(r, rep.Delay)
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]any{"id": "x", "object": "chat.completion", "created": 1, "model": "scripted",
				"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
					"message": map[string]any{"role": "assistant", "content": strings.Join(rep.Chunks, "")}}}})
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		flusher, _ := w.(http.Flusher)
		for _, c := range rep.Chunks {
			if !sleep(r, rep.Delay) {
				return
			}
			b, _ := json.Marshal(map[string]any{"id": "x", "object": "chat.completion.chunk", "created": 1, "model": "scripted",
				"choices": []any{map[string]any{"index": 0, "delta": map[string]any{"content": c}}}})
			fmt.Fprintf(w, "data: %s\n\n", b)
			if flusher != nil {
				flusher.Flush()
			}
		}
		b, _ := json.Marshal(map[string]any{"id": "x", "object": "chat.completion.chunk", "created": 1, "model": "scripted",
			"choices": []any{map[string]any{"index": 0, "delta": map[string]any{}, "finish_reason": "stop"}}})
		fmt.Fprintf(w, "data: %s\n\ndata: [DONE]\n\n", b)
	})
	s := httptest.NewServer(h)
	return &Server{Server: s, URL: s.URL}
}

func sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	select {
	case <-time.After(d):
		return true
	case <-r.Context().Done():
		return false
	}
}

func contentText(c any) string {
	switch v := c.(type) {
	case string:
		return v
	case []any:
		var b strings.Builder
		for _, p := range v {
			if m, ok := p.(map[string]any); ok {
				if t, ok := m["text"].(string); ok {
					b.WriteString(t)
				}
			}
		}
		return b.String()
	}
	return ""
}

var passageRe = regexp.MustCompile(`(?s)\[(\d+)\] [^\n]*\n"""\n(.*?)\n"""`)

// Passages returns the numbered passages of a user prompt.
func Passages(user string) map[string]string {
	out := map[string]string{}
	for _, m := range passageRe.FindAllStringSubmatch(user, -1) {
		out[m[1]] = m[2]
	}
	return out
}

var questionRe = regexp.MustCompile(`(?s)"""\n([^"]*)\n"""\s*$`)

// Faithful is a script that answers like a careful model: from each passage, the three lines
// (key points) that share the most characters with the question, cited, streamed in small
// chunks.
func Faithful(system, user string) Reply {
	q := ""
	if m := questionRe.FindStringSubmatch(user); m != nil {
		q = strings.ToLower(m[1])
	}
	var text strings.Builder
	ps := Passages(user)
	for n := 1; n <= len(ps); n++ {
		lines := strings.Split(ps[fmt.Sprint(n)], "\n")
		best := bestLines(lines, q, 3)
		for _, line := range best {
			line = strings.TrimSpace(line)
			r := []rune(line)
			if len(r) == 0 {
				continue
			}
			end := ""
			if strings.ContainsRune("。.!?！？", r[len(r)-1]) {
				end, line = string(r[len(r)-1]), string(r[:len(r)-1])
			}
			if end == "。" || end == "！" || end == "？" {
				fmt.Fprintf(&text, "%s[%d]%s", line, n, end)
			} else {
				fmt.Fprintf(&text, "%s [%d]%s ", line, n, end)
			}
		}
	}
	return Reply{Chunks: chunk(text.String(), 7)}
}

// bestLines returns up to k lines sharing the most characters with q, in their own order.
func bestLines(lines []string, q string, k int) []string {
	type scored struct{ i, n int }
	var ss []scored
	for i, l := range lines {
		n := 0
		for _, r := range strings.ToLower(l) {
			if r > 0x2E80 && strings.ContainsRune(q, r) {
				n++
			}
		}
		for _, w := range strings.Fields(q) {
			if len(w) > 3 && strings.Contains(strings.ToLower(l), w) {
				n += 3
			}
		}
		ss = append(ss, scored{i, n})
	}
	for i := 1; i < len(ss); i++ { // stable sort by score, descending
		for j := i; j > 0 && ss[j].n > ss[j-1].n; j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
	if len(ss) > k {
		ss = ss[:k]
	}
	keep := map[int]bool{}
	for _, s := range ss {
		keep[s.i] = true
	}
	var out []string
	for i, l := range lines {
		if keep[i] {
			out = append(out, l)
		}
	}
	return out
}

// chunk splits s into pieces of n runes, the way tokens arrive.
func chunk(s string, n int) []string {
	r := []rune(s)
	var out []string
	for len(r) > 0 {
		k := min(n, len(r))
		out = append(out, string(r[:k]))
		r = r[k:]
	}
	return out
}

// Text is a script that always replies text, streamed in small chunks.
func Text(text string) Script {
	return func(string, string) Reply { return Reply{Chunks: chunk(text, 5)} }
}

// EmbedDims is the dimension of the vectors the server's /embeddings returns: those of
// retrieval.HashEmbedder, so that tests know what to expect.
const EmbedDims = 64

// embed answers an OpenAI-style POST /embeddings with hash-embedder vectors.
func embed(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Input []string `json:"input"`
		Model string   `json:"model"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	vecs, _ := retrieval.HashEmbedder{Dims: EmbedDims}.Embed(r.Context(), req.Input)
	data := make([]any, len(vecs))
	for i, v := range vecs {
		data[i] = map[string]any{"object": "embedding", "index": i, "embedding": v}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"object": "list", "model": req.Model, "data": data,
		"usage": map[string]any{"prompt_tokens": 1, "total_tokens": 1}})
}
