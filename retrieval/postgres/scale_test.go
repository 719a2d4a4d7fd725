package postgres

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"patientqa"
	"patientqa/corpus"
	"patientqa/internal/synth"
)

// BenchmarkScale measures, against the PGlite of TestMain, for the shipped corpus and synthetic
// corpora of 10k and 100k passages: the ingest time (with the local embedder), the latency of a
// dense search (embedding the question and the HNSW query) and of a whole answer from a replica's
// engine over the eval suites' questions, and the recall@10 of HNSW against exact search on
// the same vectors. Run:
//
//	go test ./retrieval/postgres -run XXX -bench Scale -benchtime 1x -timeout 60m
func BenchmarkScale(b *testing.B) {
	base, err := corpus.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	cases := suiteCases(b)
	for _, n := range []int{0, 10_000, 100_000} {
		name := "shipped"
		if n > 0 {
			name = fmt.Sprintf("%dk", n/1000)
		}
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			for range b.N {
				if err := pg.Reset(ctx); err != nil {
					b.Fatal(err)
				}
				db, err := Open(ctx, pg.URL)
				if err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				if _, err := db.Migrate(ctx); err != nil {
					b.Fatal(err)
				}
				files := corpus.Files{}
				if n == 0 {
					files, _ = corpus.ReadFiles("")
				} else if files, err = synth.Files(base, n); err != nil {
					b.Fatal(err)
				}
				c, err := files.Load()
				if err != nil {
					b.Fatal(err)
				}
				rep, err := db.ingest(ctx, files, c, IngestOptions{Embedder: local, Batch: 512})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(rep.Duration.Seconds(), "ingest-s")
				b.ReportMetric(float64(rep.Passages), "passages")

				s, err := db.Snapshot(ctx)
				if err != nil {
					b.Fatal(err)
				}
				dense, err := db.NewDense(s, local, 30*time.Second)
				if err != nil {
					b.Fatal(err)
				}
				exact := dense.Exact()
				for _, ef := range []int{40, EFSearch, 200} {
					var search []time.Duration
					var recall float64
					for _, cs := range cases {
						q := patientqa.Query{Text: cs.Question, Lang: patientqa.LangZh}
						if cs.Lang == "en" || !hasHan(cs.Question) {
							q.Lang = patientqa.LangEn
						}
						start := time.Now()
						got, err := dense.WithEFSearch(ef).Retrieve(ctx, q, 10)
						search = append(search, time.Since(start))
						if err != nil {
							b.Fatal(err)
						}
						want, err := exact.Retrieve(ctx, q, 10)
						if err != nil {
							b.Fatal(err)
						}
						recall += overlap(got, want)
					}
					b.ReportMetric(recall/float64(len(cases)), fmt.Sprintf("recall@10-ef%d", ef))
					b.ReportMetric(ms(percentile(search, 50)), fmt.Sprintf("search-p50-ms-ef%d", ef))
					b.ReportMetric(ms(percentile(search, 99)), fmt.Sprintf("search-p99-ms-ef%d", ef))
				}

				var whole []time.Duration
				e := engineOf(b, s.Corpus, s.Passages, dense)
				for _, cs := range cases {
					start := time.Now()
					if _, err := e.Ask(ctx, question(cs)); err != nil {
						b.Fatal(err)
					}
					whole = append(whole, time.Since(start))
				}
				b.ReportMetric(ms(percentile(whole, 50)), "answer-p50-ms")
				b.ReportMetric(ms(percentile(whole, 99)), "answer-p99-ms")
			}
		})
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// overlap is the recall of got against the exact top list want: the share of want's places
// filled by a passage at least as similar as want's last. Synthetic corpora repeat sentences,
// so several passages can share one vector; any of them is a right answer.
func overlap(got, want []patientqa.Scored) float64 {
	if len(want) == 0 {
		return 1
	}
	last := want[len(want)-1].Score
	n := 0
	for _, g := range got {
		if g.Score >= last-1e-6 {
			n++
		}
	}
	return float64(min(n, len(want))) / float64(len(want))
}

func percentile(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
