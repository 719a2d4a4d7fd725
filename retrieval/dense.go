package retrieval

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"

	"patientqa"
	"patientqa/normalize"
)

// LocalEmbedderName names HashEmbedder in the database and in flags (-embedder local).
const LocalEmbedderName = "local-hash"

// HashEmbedder is a deterministic embedder that needs no model and no network: each term of
// Tokenize (Chinese bigrams and characters, English words) is hashed to one of Dims
// coordinates with a hashed sign, weighted as in BM25 queries, and the vector is L2-normalised.
// Cosine similarity then measures shared terms, a little like a lexical search with collisions.
//
// It is NOT a semantic model: it does not know that 渐冻症 and ALS mean the same. It exists so
// that the dense path (storage, HNSW search, fusion, replicas) can be tested and run offline
// with the same results everywhere; operators who want semantic retrieval configure a real
// embedding model (Ollama or an OpenAI-compatible endpoint, package llm).
type HashEmbedder struct{ Dims int }

// Name identifies the embedder and its dimension, so that vectors of different embedders are
// never compared.
func (h HashEmbedder) Name() string { return fmt.Sprintf("%s-%d", LocalEmbedderName, h.Dims) }

// Dimensions returns the length of the vectors.
func (h HashEmbedder) Dimensions() int { return h.Dims }

// Embed returns one vector per text.
func (h HashEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	if h.Dims < 2 {
		return nil, fmt.Errorf("hash embedder: %d dimensions", h.Dims)
	}
	out := make([][]float32, len(texts))
	for i, t := range texts {
		v := make([]float32, h.Dims)
		for _, term := range Tokenize(normalize.Fold(t)) {
			f := fnv.New64a()
			f.Write([]byte(term))
			x := f.Sum64()
			w := float32(TermWeight(term))
			if x>>63 == 1 {
				w = -w
			}
			v[x%uint64(h.Dims)] += w
		}
		out[i] = Normalise(v)
	}
	return out, nil
}

// Normalise scales v to unit length in place (a zero vector stays zero) and returns it.
func Normalise(v []float32) []float32 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return v
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
	return v
}

// Cosine returns the cosine similarity of two unit vectors of the same length.
func Cosine(a, b []float32) float64 {
	var dot float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
	}
	return dot
}

// VectorIndex is exact (brute-force) dense retrieval over passages held in memory: the
// embedded counterpart of the pgvector store, and the reference its approximate HNSW search is
// measured against. It is immutable and safe for concurrent use.
type VectorIndex struct {
	embedder patientqa.Embedder
	passages []*patientqa.Passage
	vectors  [][]float32
}

// EmbedText is the text of a passage that is embedded: its document title, then its text.
func EmbedText(p *patientqa.Passage) string { return p.Heading + "\n" + p.Text }

// NewVectorIndex embeds every passage.
func NewVectorIndex(ctx context.Context, e patientqa.Embedder, passages []*patientqa.Passage) (*VectorIndex, error) {
	texts := make([]string, len(passages))
	for i, p := range passages {
		texts[i] = EmbedText(p)
	}
	vecs, err := e.Embed(ctx, texts)
	if err != nil {
		return nil, err
	}
	if len(vecs) != len(passages) {
		return nil, fmt.Errorf("embedder returned %d vectors for %d texts", len(vecs), len(passages))
	}
	return &VectorIndex{embedder: e, passages: passages, vectors: vecs}, nil
}

// Retrieve returns the k passages of the query's language most similar to the question.
func (vi *VectorIndex) Retrieve(ctx context.Context, q patientqa.Query, k int) ([]patientqa.Scored, error) {
	qv, err := vi.embedder.Embed(ctx, []string{q.Text})
	if err != nil {
		return nil, err
	}
	var out []patientqa.Scored
	for i, p := range vi.passages {
		if p.Lang != q.Lang || len(vi.vectors[i]) != len(qv[0]) {
			continue
		}
		out = append(out, patientqa.Scored{Passage: p, Score: Cosine(qv[0], vi.vectors[i])})
	}
	SortScored(out)
	if len(out) > k {
		out = out[:k]
	}
	return out, nil
}

// SortScored orders best first, ties broken by passage ID so that results are reproducible.
func SortScored(s []patientqa.Scored) {
	slices.SortFunc(s, func(a, b patientqa.Scored) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Passage.ID, b.Passage.ID)
	})
}
