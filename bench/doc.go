// Package bench compares patientqa's own BM25 retrieval (package retrieval) with Bleve v2 on
// the same passages and the eval suites' questions: document-level recall@5 and query latency.
//
// It is a separate module (patientqa/bench) so that the service never depends on Bleve. All
// the code is in bleve_test.go; see README.md for how to run it and the figures.
package bench
